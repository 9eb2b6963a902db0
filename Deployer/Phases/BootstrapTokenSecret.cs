using k8s;
using k8s.Models;

namespace Platform.Deployer.Phases;

/// <summary>
/// A kubeadm bootstrap token as the Secret kube-system holds (what <c>kubeadm token create</c> writes), built to be
/// applied from standard input so the token never appears on a command line.
/// </summary>
public static class BootstrapTokenSecret
{
    /// <summary>How long a renewed token lives: joins follow within minutes of renewal in the same run.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromHours(1);

    /// <summary>The Secret for <paramref name="token"/> (<c>id.secret</c>), expiring at <paramref name="expires"/>.</summary>
    public static V1Secret For(string token, DateTimeOffset expires)
    {
        var (id, secret) = (token.Split('.')[0], token.Split('.')[1]);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = $"bootstrap-token-{id}", NamespaceProperty = "kube-system" },
            Type = "bootstrap.kubernetes.io/token",
            StringData = new Dictionary<string, string>
            {
                ["description"] = "Platform: nodes join with this token",
                ["token-id"] = id,
                ["token-secret"] = secret,
                ["expiration"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["usage-bootstrap-authentication"] = "true",
                ["usage-bootstrap-signing"] = "true",
                ["auth-extra-groups"] = "system:bootstrappers:kubeadm:default-node-token",
            },
        };
    }

    /// <summary>The Secret as YAML.</summary>
    public static string Yaml(string token, DateTimeOffset expires) => KubernetesYaml.Serialize(For(token, expires));
}
