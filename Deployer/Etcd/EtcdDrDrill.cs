using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Platform.Deployer.Hosts;
using Platform.Deployer.Ssh;

namespace Platform.Deployer.Etcd;

/// <summary>
/// A disaster-recovery drill on a cluster you may throw data away on (the lab): write K keys, back up, then write, change
/// and delete more, restore that backup, and check that exactly the snapshot's keys and values came back and every
/// member is healthy. Touches only keys under <see cref="Prefix"/> besides the restore itself.
/// </summary>
public static class EtcdDrDrill
{
    /// <summary>The drill's keys.</summary>
    public const string Prefix = "/platform-dr-drill/";

    private const int Batch = 100; // etcd's default --max-txn-ops is 128

    /// <summary>What the drill found.</summary>
    /// <param name="Expected">Keys in the snapshot.</param>
    /// <param name="Restored">Of those, back with the snapshot's value.</param>
    /// <param name="Extra">Keys written after the backup that survived, or keys with a later value.</param>
    /// <param name="Recovery">How long the restore took, from the command to a healthy, checked cluster.</param>
    /// <param name="HealthyMembers">Members answering healthy afterwards.</param>
    /// <param name="Members">Members.</param>
    /// <param name="Snapshot">The snapshot restored.</param>
    public sealed record Result(int Expected, int Restored, int Extra, TimeSpan Recovery, int HealthyMembers, int Members, string Snapshot)
    {
        /// <summary>The drill's figure.</summary>
        public string Line => string.Create(CultureInfo.InvariantCulture, $"dr drill: restored {Restored}/{Expected} keys, {Extra} extra, recovery {Recovery.TotalSeconds:0} s");

        /// <summary>True when everything came back, nothing later survived and every member is healthy.</summary>
        public bool Passed => Restored == Expected && Extra == 0 && HealthyMembers == Members;
    }

    /// <summary>Runs the drill with <paramref name="keys"/> keys (at least 4). The restore is confirmed by running the drill.</summary>
    public static async Task<Result> RunAsync(EtcdOperationScope scope, int keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfLessThan(keys, 4);
        var context = scope.CreateContext(dryRun: false);
        try
        {
            var host = await FirstHealthyAsync(context, cancellationToken).ConfigureAwait(false);
            (await host.Ssh.RunAsync(Etcdctl.Cluster(context, $"del {Prefix} --prefix"), TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
            var expected = Enumerable.Range(1, keys).ToDictionary(i => Key("key", i), i => $"v1-{i:00000}", StringComparer.Ordinal);
            await WriteAsync(host, context, expected.Select(kv => $"put {kv.Key} {kv.Value}"), cancellationToken).ConfigureAwait(false);
            scope.Log($"dr drill: wrote {keys} keys under {Prefix}");

            var backup = await EtcdBackup.RunAsync(scope, cancellationToken).ConfigureAwait(false);

            // After the backup: new keys, changed values and deleted keys, none of which may survive the restore.
            var later = Enumerable.Range(1, keys / 2).Select(i => $"put {Key("late", i)} late").Concat(
                Enumerable.Range(1, keys / 4).Select(i => $"put {Key("key", i)} changed")).Concat(
                Enumerable.Range(keys - (keys / 4) + 1, keys / 4).Select(i => $"del {Key("key", i)}"));
            await WriteAsync(host, context, later, cancellationToken).ConfigureAwait(false);
            scope.Log($"dr drill: after the backup wrote {keys / 2} new keys, changed {keys / 4} and deleted {keys / 4}");

            var clock = Stopwatch.StartNew();
            var restored = await EtcdRestore.RunAsync(scope with { Confirmed = [.. scope.Confirmed, EtcdRestore.Name] }, SnapshotName.TryParse(backup.Name), cancellationToken).ConfigureAwait(false);
            var recovery = clock.Elapsed;
            scope.Log($"dr drill: {restored}");

            var found = await ReadAsync(host, context, cancellationToken).ConfigureAwait(false);
            var back = expected.Count(kv => found.TryGetValue(kv.Key, out var value) && value == kv.Value);
            var extra = found.Count(kv => !expected.TryGetValue(kv.Key, out var value) || value != kv.Value);
            var healthy = 0;
            foreach (var url in context.RenderContext.EtcdClientUrls)
            {
                healthy += (await host.Ssh.RunAsync(Etcdctl.At(url, "endpoint health"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false)).Succeeded ? 1 : 0;
            }

            return new Result(expected.Count, back, extra, recovery, healthy, context.RenderContext.EtcdClientUrls.Count, backup.Name);
        }
        finally
        {
            await context.DisconnectAsync().ConfigureAwait(false);
        }
    }

    private static string Key(string kind, int i) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{kind}-{i:00000}");

    private static async Task<DeployHost> FirstHealthyAsync(Phases.DeploymentContext context, CancellationToken cancellationToken)
    {
        foreach (var host in context.Hosts.ControlPlanes)
        {
            if (await EtcdHosts.TryConnectAsync(context, host, cancellationToken).ConfigureAwait(false) is null
                && (await host.Ssh.RunAsync(Etcdctl.Cluster(context, "endpoint health"), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false)).Succeeded)
            {
                return host;
            }
        }

        throw new EtcdOperationException("The DR drill needs every etcd member healthy before it starts; one is not (see the etcd resource's health).");
    }

    /// <summary>Puts and deletes in transactions of <see cref="Batch"/>, one file each, all written in one round trip.</summary>
    private static async Task WriteAsync(DeployHost host, Phases.DeploymentContext context, IEnumerable<string> operations, CancellationToken cancellationToken)
    {
        // etcdctl txn reads compares, a blank line, the operations, a blank line, the else operations, a blank line.
        const string directory = "/run/platform-dr-drill";
        var files = operations.Chunk(Batch).Select((chunk, i) => new RemoteFile(
            string.Create(CultureInfo.InvariantCulture, $"{directory}/batch-{i:00000}.txt"), Encoding.UTF8.GetBytes("\n" + string.Join('\n', chunk) + "\n\n\n"), "0600")).ToList();
        await host.Ssh.WriteFilesAsync(files, cancellationToken).ConfigureAwait(false);
        (await host.Ssh.RunAsync($"set -e; trap 'rm -rf {directory}' EXIT; for b in {directory}/batch-*.txt; do {Etcdctl.Cluster(context, "txn")} < \"$b\" >/dev/null; done",
            TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
    }

    private static async Task<Dictionary<string, string>> ReadAsync(DeployHost host, Phases.DeploymentContext context, CancellationToken cancellationToken)
    {
        var result = (await host.Ssh.RunAsync(Etcdctl.Cluster(context, $"get {Prefix} --prefix --write-out=json"), TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        using var json = JsonDocument.Parse(result.Output);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json.RootElement.TryGetProperty("kvs", out var kvs))
        {
            foreach (var kv in kvs.EnumerateArray())
            {
                found[Encoding.UTF8.GetString(Convert.FromBase64String(kv.GetProperty("key").GetString()!))] =
                    kv.TryGetProperty("value", out var value) ? Encoding.UTF8.GetString(Convert.FromBase64String(value.GetString()!)) : "";
            }
        }

        return found;
    }
}
