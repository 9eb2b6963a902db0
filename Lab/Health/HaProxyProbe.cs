using System.Net;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Health;

/// <summary>
/// Asks HAProxy itself, on its stats frontend: <c>/healthz</c> (its monitor URI) says it serves, and
/// <c>/stats;csv</c> gives each backend server's status as HAProxy's own checks see it.
/// </summary>
public sealed class HaProxyProbe(HttpClient client)
{
    /// <summary>True when HAProxy at <paramref name="address"/> answers its monitor URI.</summary>
    public async Task<(bool Answers, string Detail)> AnswersAsync(IPAddress address, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(Url(address, "/healthz"), cancellationToken).ConfigureAwait(false);
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
            var csv = await client.GetStringAsync(Url(address, "/stats;csv"), cancellationToken).ConfigureAwait(false);
            var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var header = lines[0].TrimStart('#', ' ').Split(',');
            var (proxy, server, status) = (Array.IndexOf(header, "pxname"), Array.IndexOf(header, "svname"), Array.IndexOf(header, "status"));
            var servers = lines.Skip(1).Select(l => l.Split(',')).Where(f => f.Length > status && f[proxy] == backend && f[server] is not ("FRONTEND" or "BACKEND")).ToList();
            return (servers.Count(f => f[status].StartsWith("UP", StringComparison.Ordinal)), servers.Count);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static Uri Url(IPAddress address, string path) => new($"http://{address}:{ApiLoadBalancerResource.StatsPort}{path}");
}
