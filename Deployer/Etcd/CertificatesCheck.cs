using System.Globalization;
using System.Text;

namespace Platform.Deployer.Etcd;

/// <summary>
/// <c>aspire do certs-check</c>: every etcd and Kubernetes certificate on each control plane with its expiry (and
/// kubeadm's own check where Kubernetes runs). Changes nothing; a control plane that cannot be reached is named.
/// </summary>
public static class CertificatesCheck
{
    /// <summary>The step's name.</summary>
    public const string Name = "certs-check";

    private const string Script = """
        for f in /etc/etcd/pki/*.crt /etc/kubernetes/pki/*.crt /etc/kubernetes/pki/etcd/*.crt; do
          [ -f "$f" ] || continue
          end=$(openssl x509 -noout -enddate -in "$f" | cut -d= -f2)
          subject=$(openssl x509 -noout -subject -nameopt RFC2253 -in "$f" | sed 's/^subject=//')
          printf 'cert\t%s\t%s\t%s\n' "$f" "$(date -u -d "$end" +%Y-%m-%dT%H:%M:%SZ)" "$subject"
        done
        if command -v kubeadm >/dev/null && [ -f /etc/kubernetes/admin.conf ]; then kubeadm certs check-expiration 2>&1 | sed 's/^/kubeadm\t/'; fi
        """;

    /// <summary>One certificate on one host.</summary>
    /// <param name="Host">The control plane.</param>
    /// <param name="Path">The file.</param>
    /// <param name="NotAfter">When it expires.</param>
    /// <param name="Subject">Its subject.</param>
    public sealed record Entry(string Host, string Path, DateTimeOffset NotAfter, string Subject);

    /// <summary>Lists the certificates; returns the table as text (also logged line by line).</summary>
    public static async Task<string> RunAsync(EtcdOperationScope scope, CancellationToken cancellationToken)
    {
        var (entries, notes) = await ListAsync(scope, cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var text = new StringBuilder();
        foreach (var e in entries.OrderBy(e => e.NotAfter))
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{e.Host}  {e.Path}  expires {e.NotAfter:yyyy-MM-dd} ({(e.NotAfter - now).TotalDays:0} days)  {e.Subject}");
            scope.Log(line);
            text.AppendLine(line);
        }

        foreach (var note in notes)
        {
            scope.Log(note);
        }

        var soonest = entries.MinBy(e => e.NotAfter);
        return soonest is null
            ? $"no certificates found{(notes.Count > 0 ? $" ({string.Join("; ", notes)})" : "")}"
            : string.Create(CultureInfo.InvariantCulture, $"{entries.Count} certificates on {entries.Select(e => e.Host).Distinct().Count()} control planes; the first to expire: {soonest.Path} on {soonest.Host}, {soonest.NotAfter:yyyy-MM-dd} ({(soonest.NotAfter - now).TotalDays:0} days)");
    }

    /// <summary>The certificates found, and a note per host that could not be read.</summary>
    public static async Task<(IReadOnlyList<Entry> Entries, IReadOnlyList<string> Notes)> ListAsync(EtcdOperationScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var context = scope.CreateContext(dryRun: true);
        var entries = new List<Entry>();
        var notes = new List<string>();
        try
        {
            foreach (var host in context.Hosts.ControlPlanes)
            {
                if (await EtcdHosts.TryConnectAsync(context, host, cancellationToken).ConfigureAwait(false) is { } problem)
                {
                    notes.Add($"{host.Name}: {problem}");
                    continue;
                }

                var run = await host.Ssh.RunAsync(Script, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
                foreach (var fields in run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')))
                {
                    if (fields is ["cert", var path, var end, var subject] && DateTimeOffset.TryParse(end, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var notAfter))
                    {
                        entries.Add(new Entry(host.Name, path, notAfter, subject));
                    }
                    else if (fields is ["kubeadm", var line] && line.Trim().Length > 0)
                    {
                        notes.Add($"{host.Name} (kubeadm): {line.Trim()}");
                    }
                }
            }
        }
        finally
        {
            await context.DisconnectAsync().ConfigureAwait(false);
        }

        return (entries, notes);
    }
}
