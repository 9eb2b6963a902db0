using System.Diagnostics;
using Platform.Deployer.Phases;
using Platform.Deployer.Pki;

namespace Platform.Deployer.Etcd;

/// <summary>
/// <c>aspire do etcd-certs-renew</c>: re-issues every etcd leaf certificate (members' server and peer, the admin and API
/// server clients; the CA stays) and restarts the members one at a time, each healthy before the next.
/// </summary>
public static class EtcdCertificatesRenew
{
    /// <summary>The step's name.</summary>
    public const string Name = "etcd-certs-renew";

    /// <summary>Renews (or, in a dry run, plans); returns one line on what was done.</summary>
    /// <exception cref="EtcdOperationException">A member is unhealthy before the start (a restart would risk quorum), or one failed to come back.</exception>
    public static async Task<string> RunAsync(EtcdOperationScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var dryRun = scope.Options.DryRun;
        await RequireAllHealthyAsync(scope, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var aside = dryRun ? null : SetLeavesAside(scope);
        var result = await EtcdOperationRun.RunAsync(scope, Name,
            [SelectedHostsPhase.ControlPlanes(new ConnectPhase()), SelectedHostsPhase.ControlPlanes(new DetectOsPhase()), SelectedHostsPhase.ControlPlanes(new GatherFactsPhase()), new EtcdCertificatesRenewPhase()],
            dryRun, journal: null, cancellationToken).ConfigureAwait(false);
        var restarted = result.Changes.Count(c => c.Description.StartsWith("restart etcd", StringComparison.Ordinal));
        return dryRun
            ? $"would re-issue the etcd leaf certificates and restart {scope.Inventory.Topology.ControlPlanes.Count()} members one at a time"
            : $"etcd leaf certificates re-issued (the old ones kept in {aside}); {restarted} members restarted one at a time, each healthy before the next, in {clock.Elapsed.TotalSeconds:0.0} s";
    }

    // Every member must answer first: with one already down, restarting another loses a three-member cluster's quorum.
    private static async Task RequireAllHealthyAsync(EtcdOperationScope scope, CancellationToken cancellationToken)
    {
        var context = scope.CreateContext(dryRun: true);
        try
        {
            var problems = new List<string>();
            foreach (var host in context.Hosts.ControlPlanes)
            {
                if (await EtcdHosts.MemberProblemAsync(context, host, cancellationToken).ConfigureAwait(false) is { } problem)
                {
                    problems.Add($"{host.Name}: {problem}");
                }
            }

            if (problems.Count > 0)
            {
                throw new EtcdOperationException($"Renewal restarts every member in turn, so every member must be healthy first; nothing was touched: {string.Join("; ", problems)}.");
            }
        }
        finally
        {
            await context.DisconnectAsync().ConfigureAwait(false);
        }
    }

    // The PKI issues what is missing: moving the leaves aside (never the CA) is what makes it issue new ones.
    private static string SetLeavesAside(EtcdOperationScope scope)
    {
        var pki = scope.State.EtcdPkiDirectory;
        var aside = Path.Combine(pki, $"renewed-{DateTime.UtcNow:yyyyMMddHHmmss}");
        StateFiles.CreatePrivateDirectory(aside);
        foreach (var member in scope.Inventory.Topology.ControlPlanes.Select(m => Path.Combine(pki, m.Name)).Where(Directory.Exists))
        {
            Directory.Move(member, Path.Combine(aside, Path.GetFileName(member)));
        }

        foreach (var file in new[] { DeploymentPki.EtcdAdminClientName, "apiserver-etcd-client" }.SelectMany(n => new[] { n + ".crt", n + ".key" }).Select(f => Path.Combine(pki, f)).Where(File.Exists))
        {
            File.Move(file, Path.Combine(aside, Path.GetFileName(file)));
        }

        return aside;
    }
}
