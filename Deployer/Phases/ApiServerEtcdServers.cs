using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Platform.Deployer.Phases;

/// <summary>
/// The etcd members an API server is told about, in the two places kubeadm writes them only at init and join: the
/// kube-apiserver static Pod's <c>--etcd-servers</c> flag and the <c>kubeadm-config</c> ConfigMap's ClusterConfiguration
/// (<c>etcd.external.endpoints</c>), from which <c>kubeadm upgrade</c> and later joins regenerate the manifests.
/// </summary>
public static partial class ApiServerEtcdServers
{
    /// <summary>The servers the manifest's flag names, or null when it has none.</summary>
    public static string? InManifest(string manifest)
        => Flag().Match(manifest ?? throw new ArgumentNullException(nameof(manifest))) is { Success: true } m ? m.Groups["servers"].Value : null;

    /// <summary>The manifest with its flag naming <paramref name="servers"/> (the rest unchanged).</summary>
    /// <exception cref="InvalidOperationException">The manifest has no <c>--etcd-servers</c> flag (not kubeadm's external-etcd API server).</exception>
    public static string InManifest(string manifest, IReadOnlyList<string> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        return InManifest(manifest) is null
            ? throw new InvalidOperationException("the kube-apiserver manifest has no --etcd-servers flag; it is not the external-etcd API server kubeadm wrote for this platform")
            : Flag().Replace(manifest, m => m.Groups["head"].Value + string.Join(',', servers), 1);
    }

    /// <summary>The endpoints a ClusterConfiguration (any kubeadm API version) names under <c>etcd.external.endpoints</c>.</summary>
    public static IReadOnlyList<string> InClusterConfiguration(string yaml)
        => Endpoints(Parse(yaml)) is { } endpoints ? [.. endpoints.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? "")] : [];

    /// <summary>The ClusterConfiguration with <c>etcd.external.endpoints</c> set to <paramref name="servers"/>.</summary>
    /// <exception cref="InvalidOperationException">It has no external etcd (kubeadm runs its own etcd).</exception>
    public static string InClusterConfiguration(string yaml, IReadOnlyList<string> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var root = Parse(yaml);
        var endpoints = Endpoints(root) ?? throw new InvalidOperationException("the stored ClusterConfiguration has no etcd.external.endpoints: it is not a cluster with external etcd");
        endpoints.Children.Clear();
        foreach (var server in servers)
        {
            endpoints.Add(new YamlScalarNode(server));
        }

        using var text = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(text, assignAnchors: false);
        return text.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal).TrimEnd('.', '\n') + "\n";
    }

    /// <summary>The <c>kubeadm-config</c> ConfigMap (as <c>kubectl get -o json</c> prints it) with its ClusterConfiguration naming <paramref name="servers"/>; null when it does already.</summary>
    public static string? InConfigMap(string configMapJson, IReadOnlyList<string> servers)
    {
        var configMap = JsonNode.Parse(configMapJson ?? throw new ArgumentNullException(nameof(configMapJson)))?.AsObject()
            ?? throw new InvalidOperationException("kubectl printed no ConfigMap");
        var yaml = configMap["data"]?["ClusterConfiguration"]?.GetValue<string>()
            ?? throw new InvalidOperationException("the kubeadm-config ConfigMap has no ClusterConfiguration");
        if (InClusterConfiguration(yaml).SequenceEqual(servers))
        {
            return null;
        }

        configMap["data"]!["ClusterConfiguration"] = InClusterConfiguration(yaml, servers);
        return configMap.ToJsonString();
    }

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml ?? throw new ArgumentNullException(nameof(yaml))));
        return stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode ?? throw new InvalidOperationException("the ClusterConfiguration is not a YAML mapping");
    }

    private static YamlSequenceNode? Endpoints(YamlMappingNode root)
        => root.Children.TryGetValue(new YamlScalarNode("etcd"), out var etcd) && etcd is YamlMappingNode e
           && e.Children.TryGetValue(new YamlScalarNode("external"), out var external) && external is YamlMappingNode x
           && x.Children.TryGetValue(new YamlScalarNode("endpoints"), out var endpoints) ? endpoints as YamlSequenceNode : null;

    // "- --etcd-servers=https://a:2379,https://b:2379" in the Pod's command list.
    [GeneratedRegex(@"(?<head>^\s*-\s*--etcd-servers=)(?<servers>[^\s]*)", RegexOptions.Multiline)]
    private static partial Regex Flag();
}
