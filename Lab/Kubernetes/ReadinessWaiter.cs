using System.Diagnostics;
using System.Net.Sockets;
using k8s;
using k8s.Autorest;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;

namespace Platform.Lab.Kubernetes;

/// <summary>
/// Polls <see cref="UntilClusterCondition"/>s until they hold, each bounded by a timeout. Progress is reported
/// whenever what is seen changes; a timeout names what was awaited, what was seen last and where to look.
/// </summary>
/// <param name="client">The cluster.</param>
/// <param name="timeout">How long one condition may take; <see cref="DefaultTimeout"/> when null.</param>
/// <param name="interval">How often to poll; two seconds when null.</param>
public sealed class ReadinessWaiter(IKubernetes client, TimeSpan? timeout = null, TimeSpan? interval = null)
{
    /// <summary>How long one condition may take by default (charts pull images on first install).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    private readonly TimeSpan _interval = interval ?? TimeSpan.FromSeconds(2);

    /// <summary>How long one condition may take.</summary>
    public TimeSpan Timeout { get; } = timeout ?? DefaultTimeout;

    /// <summary>The condition that decides a readiness check from the published declarations.</summary>
    /// <exception cref="PlatformException">The check's kind has no condition here.</exception>
    public static UntilClusterCondition For(ReadinessCheck check) => check switch
    {
        { Kind: "CustomResourceDefinition" } => new UntilCrdEstablished(check.Name),
        { Kind: "Job", Namespace: { } ns } => new UntilJobComplete(ns, check.Name),
        { Kind: "Deployment", Namespace: { } ns } => new UntilDeploymentAvailable(ns, check.Name),
        { Kind: "DaemonSet", Namespace: { } ns } => new UntilDaemonSetReady(ns, check.Name),
        { Namespace: { } ns, Condition: var condition } when UntilCustomResourceHealth.ElasticKinds.TryGetValue(check.Kind, out var api) && condition.StartsWith("health=", StringComparison.Ordinal)
            => new UntilCustomResourceHealth(api.Group, api.Version, api.Plural, check.Kind, ns, check.Name, condition["health=".Length..]),
        _ => throw new PlatformException($"The lab cannot wait for {check}: no condition knows kind {check.Kind}. Add an Until… class under Lab/Kubernetes and map it in ReadinessWaiter.For."),
    };

    /// <summary>Polls until <paramref name="condition"/> holds and returns what was seen then.</summary>
    /// <param name="condition">What to wait for.</param>
    /// <param name="progress">Called with "<c>description: seen</c>" whenever what is seen changes.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="PlatformException">The timeout passed, or the object failed for good.</exception>
    public async Task<string> WaitAsync(UntilClusterCondition condition, Action<string>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string? last = null;
        while (true)
        {
            bool ready;
            string seen;
            try
            {
                (ready, seen) = await condition.CheckAsync(client, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                // The API server restarts or is busy while charts install; keep polling until the deadline.
                (ready, seen) = (false, $"API error: {e.Message}");
            }

            if (seen != last)
            {
                progress?.Invoke($"{condition.Description}: {seen}");
                last = seen;
            }

            if (ready)
            {
                return seen;
            }

            if (clock.Elapsed > Timeout)
            {
                throw new PlatformException($"{condition.Description} was not reached within {Timeout.TotalMinutes:0.#} min; last seen: {seen}. {condition.Hint}".TrimEnd());
            }

            await Task.Delay(_interval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(Exception e)
        => e is HttpRequestException or SocketException or IOException or TaskCanceledException
            || e is HttpOperationException { Response.StatusCode: >= System.Net.HttpStatusCode.InternalServerError or System.Net.HttpStatusCode.TooManyRequests };
}
