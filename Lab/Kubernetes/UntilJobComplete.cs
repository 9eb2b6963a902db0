using k8s;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Kubernetes;

/// <summary>A Job has completed (for HelmCharts: the Helm controller's <c>helm-install-&lt;name&gt;</c> Job).</summary>
/// <param name="ns">The namespace.</param>
/// <param name="name">The Job name.</param>
public sealed class UntilJobComplete(string ns, string name) : UntilClusterCondition
{
    /// <summary>The namespace.</summary>
    public string Namespace => ns;

    /// <summary>The Job name.</summary>
    public string Name => name;

    /// <inheritdoc />
    public override string Description => $"Job {ns}/{name} Complete";

    /// <inheritdoc />
    public override string Hint => $"Its pod's log says why: kubectl -n {ns} logs job/{name}";

    /// <inheritdoc />
    public override async Task<(bool Ready, string Seen)> CheckAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            var job = await client.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            var conditions = job.Status?.Conditions ?? [];
            if (conditions.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True") is { } failed)
            {
                throw new PlatformException($"Job {ns}/{name} failed: {failed.Reason} {failed.Message}. {Hint}");
            }

            var complete = conditions.Any(c => c.Type == "Complete" && c.Status == "True");
            return (complete, $"active {job.Status?.Active ?? 0}, succeeded {job.Status?.Succeeded ?? 0}, failed {job.Status?.Failed ?? 0}");
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return (false, "not created yet");
        }
    }
}
