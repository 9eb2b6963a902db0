using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>A real Prometheus (Debian's) on 127.0.0.1 scraping the given targets every second, for tests.</summary>
public sealed class LocalPrometheus : IDisposable
{
    private readonly TempFolder _dir = new("platform-prometheus");
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private LocalPrometheus(IEnumerable<string> targets)
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        var config = _dir.Combine("prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """);
        var start = new ProcessStartInfo(RequiredTools.Require("prometheus"),
            [$"--config.file={config}", $"--storage.tsdb.path={_dir.Combine("data")}", $"--web.listen-address=127.0.0.1:{port}"])
        { RedirectStandardError = true, RedirectStandardOutput = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start.");
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>Prometheus's address.</summary>
    public Uri Url { get; }

    /// <summary>Starts Prometheus scraping <paramref name="targets"/> (host:port).</summary>
    public static LocalPrometheus Start(IEnumerable<string> targets) => new(targets);

    /// <summary>Polls /api/v1/targets until every target is up or the timeout passes; returns target → health.</summary>
    public async Task<IReadOnlyDictionary<string, string>> WaitForTargetsUpAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Dictionary<string, string> health = [];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri(Url, "api/v1/targets")));
                health = document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                    .ToDictionary(t => t.GetProperty("labels").GetProperty("instance").GetString()!, t => t.GetProperty("health").GetString()!);
                if (health.Count > 0 && health.Values.All(h => h == "up"))
                {
                    return health;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        return health;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        _http.Dispose();
        _dir.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
