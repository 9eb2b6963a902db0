using k8s;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing.Models.Apiserver;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 7: encryption at rest. Every control plane's API server encrypts Secrets with secretbox before etcd (and so
/// etcd snapshots and backups) stores them; identity comes last so Secrets written before encryption stay readable.
/// Published with the key as a <c>${NAME}</c> reference; the Deployer fills in the keys of its state folder.
/// </summary>
public sealed class EncryptionConfigRenderer : IArtifactRenderer
{
    /// <summary>The reference publish writes in place of the key.</summary>
    public const string KeyReference = "${KUBERNETES_ENCRYPTION_KEY}";

    /// <summary>The resources encrypted.</summary>
    public static IReadOnlyList<string> EncryptedResources { get; } = ["secrets"];

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        var content = Content([new EncryptionKey { Name = "key-1", Secret = KeyReference }]);
        foreach (var machine in context.Topology.ControlPlanes)
        {
            yield return Artifact.ForHost(machine, PlatformLayer.Security, Components.Encryption, KubernetesPaths.EncryptionConfig, content, mode: "0600");
        }
    }

    /// <summary>The configuration with <paramref name="keys"/>, the first of which encrypts.</summary>
    public static string Content(IReadOnlyList<EncryptionKey> keys)
    {
        var config = new EncryptionConfiguration
        {
            Resources =
            [
                new ResourceEncryption
                {
                    Resources = [.. EncryptedResources],
                    Providers = [new EncryptionProvider { Secretbox = new EncryptionKeys { Keys = [.. keys] } }, new EncryptionProvider { Identity = [] }],
                },
            ],
        };
        return "# Secrets are encrypted with the first key; every key decrypts (rotation: aspire do secrets-key-rotate).\n" + KubernetesYaml.Serialize(config).TrimEnd('\n') + "\n";
    }
}
