using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Health;

/// <summary>
/// Asks HAProxy itself: <c>/healthz</c> (its monitor URI, on the health port) says it serves, and its Prometheus
/// endpoint's <c>haproxy_server_status</c> gives each backend server's state as HAProxy's own checks see it (the
/// stats page listens on the load balancer's 127.0.0.1 only).
/// </summary>
public sealed partial class HaProxyProbe(HttpClient client)
{
    /// <summary>True when HAProxy at <paramref name="address"/> answers its monitor URI.</summary>
    public async Task<(bool Answers, string Detail)> AnswersAsync(IPAddress address, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri($"http://{address}:{ApiLoadBalancerResource.HealthPort}/healthz"), cancellationToken).ConfigureAwait(false);
            return (response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (false, e is TaskCanceledException ? "no answer" : e.Message);
        }
    }

    /// <summary>The servers of <paramref name="backend"/> that HAProxy at <paramref name="address"/> has UP, out of all.</summary>
    public async Task<(int Up, int Total)?> BackendAsync(IPAddress address, string backend, CancellationToken cancellationToken)
    {
        try
        {
            var metrics = await client.GetStringAsync(new Uri($"http://{address}:{ApiLoadBalancerResource.MetricsPort}/metrics"), cancellationToken).ConfigureAwait(false);
            return Backend(metrics, backend);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }

    /// <summary>Counts <paramref name="backend"/>'s servers and those UP in HAProxy's Prometheus text (one series per state, 1 for the current one).</summary>
    public static (int Up, int Total)? Backend(string metrics, string backend)
    {
        var servers = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (Match m in ServerStatus().Matches(metrics))
        {
            var labels = Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups["k"].Value, l => l.Groups["v"].Value);
            if (labels.GetValueOrDefault("proxy") != backend || !labels.TryGetValue("server", out var server))
            {
                continue;
            }

            var current = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture) == 1;
            servers[server] = servers.GetValueOrDefault(server) || (current && labels.GetValueOrDefault("state") == "UP");
        }

        return servers.Count == 0 ? null : (servers.Count(s => s.Value), servers.Count);
    }

    [GeneratedRegex(@"^haproxy_server_status\{(?<labels>[^}]*)\}\s+(?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex ServerStatus();

    [GeneratedRegex("(?<k>[a-zA-Z_]+)=\"(?<v>[^\"]*)\"")]
    private static partial Regex Label();
}
