using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Platform.Lab.Resources;

namespace Platform.Lab.Tests.Substrates;

/// <summary>
/// Aspire's real notification and logger services for a test model (built, not started), with a lab resource:
/// a substrate publishes into them and the test reads back states, URLs and console lines as the dashboard would.
/// </summary>
internal sealed class RecordedLab : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _lines = new();
    private readonly List<Task> _watchers = [];

    public RecordedLab(IDistributedApplicationBuilder builder, string labName = "test-lab")
    {
        var lab = builder.AddResource(new LabResource(labName));
        _app = builder.Build();
        Notifications = _app.Services.GetRequiredService<ResourceNotificationService>();
        var logs = _app.Services.GetRequiredService<ResourceLoggerService>();
        var resources = _app.Services.GetRequiredService<DistributedApplicationModel>().Resources;
        foreach (var resource in resources)
        {
            var queue = _lines.GetOrAdd(resource.Name, _ => new ConcurrentQueue<string>());
            _watchers.Add(Task.Run(async () =>
            {
                await foreach (var batch in logs.WatchAsync(resource).WithCancellation(_stop.Token))
                {
                    foreach (var line in batch)
                    {
                        queue.Enqueue(WithoutTimestamp(line.Content));
                    }
                }
            }));
        }

        Resources = new LabResources(Notifications, logs, resources, lab.Resource);
        Model = PlatformModel.Build(resources);
    }

    public ResourceNotificationService Notifications { get; }

    public LabResources Resources { get; }

    public PlatformModel Model { get; }

    /// <summary>The state text Aspire holds for a resource (null before the lab set any).</summary>
    public string? State(string name) => Notifications.TryGetCurrentState(name, out var e) ? e.Snapshot.State?.Text : null;

    /// <summary>The URLs Aspire holds for a resource.</summary>
    public IReadOnlyList<string> Urls(string name) => Notifications.TryGetCurrentState(name, out var e) ? e.Snapshot.Urls.Select(u => u.Url).ToList() : [];

    /// <summary>The console lines written for a resource so far.</summary>
    public IReadOnlyList<string> Logs(string name) => _lines.TryGetValue(name, out var q) ? q.ToArray() : [];

    /// <summary>Aspire stores each console line after its timestamp.</summary>
    private static string WithoutTimestamp(string content)
    {
        var space = content.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && DateTime.TryParse(content[..space], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out _) ? content[(space + 1)..] : content;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_watchers);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }
}
