using Platform.Hosting.Publishing.Renderers.Host;

namespace Platform.Deployer.Etcd;

/// <summary>
/// <c>aspire do etcd-backup</c>: a snapshot now, on the first control plane whose member is healthy, with the same script
/// the timer runs (saved, checked with etcdutl snapshot status, age-encrypted and copied off the node).
/// </summary>
public static class EtcdBackup
{
    /// <summary>The step's name.</summary>
    public const string Name = "etcd-backup";

    /// <summary>Takes the snapshot; members that are down or unhealthy are passed over (and named in the report).</summary>
    /// <exception cref="EtcdOperationException">No member is healthy, or the script failed on the one chosen.</exception>
    public static async Task<EtcdSnapshotReport> RunAsync(EtcdOperationScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        _ = scope.Snapshots;
        var context = scope.CreateContext(dryRun: false);
        try
        {
            var skipped = new List<string>();
            foreach (var host in context.Hosts.ControlPlanes)
            {
                if (await EtcdHosts.MemberProblemAsync(context, host, cancellationToken).ConfigureAwait(false) is { } problem)
                {
                    skipped.Add($"{host.Name}: {problem}");
                    scope.Log($"{host.Name}: passed over: {problem}");
                    continue;
                }

                scope.Log($"{host.Name}: taking the snapshot with {EtcdSnapshotRenderer.SnapshotScriptPath}");
                var run = await host.Ssh.RunAsync(EtcdSnapshotRenderer.SnapshotScriptPath, TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false);
                if (!run.Succeeded)
                {
                    throw new EtcdOperationException($"{host.Name}: {EtcdSnapshotRenderer.SnapshotScriptPath} failed (exit {run.ExitCode}): {EtcdHosts.FirstLine(run)}" +
                        (run.ExitCode == 127 ? " The etcd phase has not placed it yet: run aspire do etcd." : ""));
                }

                var report = EtcdSnapshotReport.Parse(host.Name, run.Output) with { Skipped = skipped };
                scope.Log($"{host.Name}: {report.Summary}");
                return report;
            }

            throw new EtcdOperationException($"No etcd member is healthy, so no snapshot can be taken: {string.Join("; ", skipped)}.");
        }
        finally
        {
            await context.DisconnectAsync().ConfigureAwait(false);
        }
    }
}
