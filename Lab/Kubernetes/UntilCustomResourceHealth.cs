using System.Text.Json;
using k8s;

namespace Platform.Lab.Kubernetes;

/// <summary>An ECK object (Elasticsearch, Kibana) reports the wanted <c>status.health</c>, read as a generic custom object.</summary>
/// <param name="group">The API group, e.g. <c>elasticsearch.k8s.elastic.co</c>.</param>
/// <param name="version">The API version, e.g. <c>v1</c>.</param>
/// <param name="plural">The resource plural, e.g. <c>elasticsearches</c>.</param>
/// <param name="kind">The kind, for messages.</param>
/// <param name="ns">The namespace.</param>
/// <param name="name">The object name.</param>
/// <param name="health">The wanted health, e.g. <c>green</c>.</param>
public sealed class UntilCustomResourceHealth(string group, string version, string plural, string kind, string ns, string name, string health) : UntilClusterCondition
{
    /// <summary>The ECK kinds this condition knows: kind → (group, version, plural).</summary>
    public static IReadOnlyDictionary<string, (string Group, string Version, string Plural)> ElasticKinds { get; } = new Dictionary<string, (string, string, string)>
    {
        ["Elasticsearch"] = ("elasticsearch.k8s.elastic.co", "v1", "elasticsearches"),
        ["Kibana"] = ("kibana.k8s.elastic.co", "v1", "kibanas"),
    };

    /// <inheritdoc />
    public override string Description => $"{kind} {ns}/{name} health={health}";

    /// <inheritdoc />
    public override string Hint => $"ECK's view: kubectl -n {ns} describe {kind.ToLowerInvariant()} {name}";

    /// <inheritdoc />
    public override async Task<(bool Ready, string Seen)> CheckAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            var item = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(group, version, ns, plural, name, cancellationToken).ConfigureAwait(false);
            var seen = item.TryGetProperty("status", out var status) && status.TryGetProperty("health", out var h) ? h.GetString() ?? "" : "";
            return (seen == health, seen.Length == 0 ? "no health reported yet" : $"health={seen}");
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return (false, "not created yet");
        }
    }
}
