using System.Text.Json;

namespace Platform.Deployer.Etcd;

/// <summary>etcd's member list as <c>etcdctl member list -w json</c> prints it.</summary>
public static class EtcdMembers
{
    /// <summary>Each member's id (hex, as etcdctl member remove takes it), name (empty until it first starts) and peer URLs.</summary>
    public static IReadOnlyList<(string Id, string Name, IReadOnlyList<string> PeerUrls, IReadOnlyList<string> ClientUrls)> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("members", out var members))
        {
            return [];
        }

        return [.. members.EnumerateArray().Select(m => (
            m.GetProperty("ID").GetUInt64().ToString("x", System.Globalization.CultureInfo.InvariantCulture),
            m.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "",
            (IReadOnlyList<string>)[.. Urls(m, "peerURLs")],
            (IReadOnlyList<string>)[.. Urls(m, "clientURLs")]))];
    }

    private static IEnumerable<string> Urls(JsonElement member, string property)
        => member.TryGetProperty(property, out var urls) ? urls.EnumerateArray().Select(u => u.GetString() ?? "") : [];
}
