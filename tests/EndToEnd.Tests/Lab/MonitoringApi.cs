using System.Text.Json;

namespace Platform.EndToEnd.Tests.Lab;

/// <summary>The lab's Prometheus and Alertmanager through their HTTP APIs, as a person or Grafana would ask them.</summary>
public sealed class MonitoringApi(Uri prometheus, Uri alertmanager) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Prometheus's active targets: job, machine label, instance, health, last error.</summary>
    public async Task<IReadOnlyList<(string Job, string Machine, string Instance, string Health, string Error)>> TargetsAsync()
    {
        using var json = await GetAsync(new Uri(prometheus, "api/v1/targets?state=active"));
        return [.. json.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Select(t =>
        {
            var labels = t.GetProperty("labels");
            return (labels.GetProperty("job").GetString()!, labels.TryGetProperty("machine", out var m) ? m.GetString()! : "",
                labels.GetProperty("instance").GetString()!, t.GetProperty("health").GetString()!, t.GetProperty("lastError").GetString()!);
        })];
    }

    /// <summary>Prometheus's rule groups with their alerting rules: group, alert, duration (s), state.</summary>
    public async Task<IReadOnlyList<(string Group, string Alert, double Duration, string State)>> RulesAsync()
    {
        using var json = await GetAsync(new Uri(prometheus, "api/v1/rules?type=alert"));
        return [.. json.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()
            .Select(r => (g.GetProperty("name").GetString()!, r.GetProperty("name").GetString()!, r.GetProperty("duration").GetDouble(), r.GetProperty("state").GetString()!)))];
    }

    /// <summary>The alerts Prometheus has firing: name and labels.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> FiringAsync()
    {
        using var json = await GetAsync(new Uri(prometheus, "api/v1/alerts"));
        return [.. json.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("state").GetString() == "firing").Select(a => Labels(a.GetProperty("labels")))];
    }

    /// <summary>The alerts Alertmanager holds active (resolved ones are not listed): their labels.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> AlertmanagerAlertsAsync()
    {
        using var json = await GetAsync(new Uri(alertmanager, "api/v2/alerts?active=true&silenced=false&inhibited=false"));
        return [.. json.RootElement.EnumerateArray().Select(a => Labels(a.GetProperty("labels")))];
    }

    /// <summary>An instant query: the number of series it returns (an error if it does not parse or fails).</summary>
    public async Task<int> QueryAsync(string expr)
    {
        using var json = await GetAsync(new Uri(prometheus, "api/v1/query?query=" + Uri.EscapeDataString(expr)));
        return json.RootElement.GetProperty("data").GetProperty("result").GetArrayLength();
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> GetAsync(Uri url)
    {
        using var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(body) : throw new HttpRequestException($"{url} answered HTTP {(int)response.StatusCode}: {body}");
    }

    private static Dictionary<string, string> Labels(JsonElement labels)
        => labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
}
