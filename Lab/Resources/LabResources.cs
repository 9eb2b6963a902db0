using System.Collections.Concurrent;
using System.Collections.Immutable;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;

namespace Platform.Lab.Resources;

/// <summary>
/// What the lab tells Aspire about the platform's resources, by name: their state (the dashboard's State column
/// and <c>aspire describe</c>), URLs, properties and console log lines. It stores nothing Aspire shows; it only
/// remembers each state it set, so a substrate can ask what it already reported.
/// </summary>
public sealed class LabResources
{
    /// <summary>The property holding the last detail the lab gave for a resource's state.</summary>
    public const string DetailProperty = "platform.detail";

    /// <summary>The state text of a resource this substrate does not run (custom: nothing waits on these).</summary>
    public const string NotInLabState = "Not in lab";

    private readonly ResourceNotificationService _notifications;
    private readonly ResourceLoggerService _logs;
    private readonly IReadOnlyDictionary<string, IResource> _resources;
    private readonly ConcurrentDictionary<string, ResourceState> _states = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Publishes through Aspire's services for the resources of an app model, with <paramref name="lab"/> as the lab's own row.</summary>
    public LabResources(ResourceNotificationService notifications, ResourceLoggerService logs, IEnumerable<IResource> resources, IResource lab)
    {
        _notifications = notifications;
        _logs = logs;
        _resources = resources.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        Lab = lab;
    }

    /// <summary>The lab's own resource.</summary>
    public IResource Lab { get; }

    /// <summary>The state the lab last set for <paramref name="name"/>, if any.</summary>
    public ResourceState? StateOf(string name) => _states.TryGetValue(name, out var state) ? state : null;

    /// <summary>Sets a resource's state; a detail becomes a property and a console line; endpoints replace its URLs.</summary>
    public void Set(string name, ResourceState state, string? detail = null, IReadOnlyList<ResourceEndpoint>? endpoints = null)
    {
        var resource = Resource(name);
        _states[name] = state;
        var now = DateTime.UtcNow;
        Publish(resource, s => s with
        {
            State = Snapshot(state),
            StartTimeStamp = state is ResourceState.Starting or ResourceState.Running && s.StartTimeStamp is null ? now : s.StartTimeStamp,
            StopTimeStamp = state is ResourceState.Stopped or ResourceState.Failed ? now : state == ResourceState.Running ? null : s.StopTimeStamp,
            Urls = endpoints is null ? s.Urls : [.. endpoints.Select(e => new UrlSnapshot(e.Name, e.Url, IsInternal: false))],
            Properties = detail is null ? s.Properties : With(s.Properties, DetailProperty, detail),
        });
        if (detail is not null)
        {
            AppendLog(name, $"{Snapshot(state).Text}: {detail}");
        }
    }

    /// <summary>Replaces a resource's URLs, keeping its state.</summary>
    public void SetUrls(string name, IReadOnlyList<ResourceEndpoint> endpoints)
        => Publish(Resource(name), s => s with { Urls = [.. endpoints.Select(e => new UrlSnapshot(e.Name, e.Url, IsInternal: false))] });

    /// <summary>Sets properties of a resource (replacing ones with the same names).</summary>
    public void SetProperties(string name, params (string Name, string Value)[] properties)
        => Publish(Resource(name), s => s with { Properties = properties.Aggregate(s.Properties, (all, p) => With(all, p.Name, p.Value)) });

    /// <summary>Writes a line to a resource's console log.</summary>
    public void AppendLog(string name, string line)
    {
        if (_resources.TryGetValue(name, out var resource))
        {
            _logs.GetLogger(resource).LogInformation("{Line}", line);
        }
    }

    /// <summary>Writes a failure line to a resource's console log (shown as an error).</summary>
    public void AppendError(string name, string line)
    {
        if (_resources.TryGetValue(name, out var resource))
        {
            _logs.GetLogger(resource).LogError("{Line}", line);
        }
    }

    /// <summary>The lab's own row: its state and a console line.</summary>
    public void SetLab(ResourceState state, string message) => Set(Lab.Name, state, message);

    /// <summary>True when the app model has a resource of that name.</summary>
    public bool Has(string name) => _resources.ContainsKey(name);

    /// <summary>How the lab's states read in Aspire. Up resources stay Running (health says how they are).</summary>
    public static ResourceStateSnapshot Snapshot(ResourceState state) => state switch
    {
        ResourceState.Waiting => new(KnownResourceStates.Waiting, KnownResourceStateStyles.Info),
        ResourceState.Starting => new(KnownResourceStates.Starting, KnownResourceStateStyles.Info),
        ResourceState.Running => new(KnownResourceStates.Running, KnownResourceStateStyles.Success),
        ResourceState.Failed => new(KnownResourceStates.FailedToStart, KnownResourceStateStyles.Error),
        ResourceState.Stopped => new(KnownResourceStates.Exited, KnownResourceStateStyles.Info),
        _ => new(NotInLabState, KnownResourceStateStyles.Info),
    };

    private IResource Resource(string name) => _resources.TryGetValue(name, out var resource) ? resource
        : throw new KeyNotFoundException($"The lab has no resource '{name}'. Resources: {string.Join(", ", _resources.Keys)}.");

    private void Publish(IResource resource, Func<CustomResourceSnapshot, CustomResourceSnapshot> update)
        // Completes synchronously; awaiting keeps the updates of one resource in order.
        => _notifications.PublishUpdateAsync(resource, update).GetAwaiter().GetResult();

    private static ImmutableArray<ResourcePropertySnapshot> With(ImmutableArray<ResourcePropertySnapshot> properties, string name, string value)
        => properties.RemoveAll(p => p.Name == name).Add(new ResourcePropertySnapshot(name, value));
}
