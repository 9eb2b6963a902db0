using Aspire.Hosting.ApplicationModel;
using k8s;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Models.Apiserver;
using Platform.Hosting.Publishing.Renderers.Host;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Host;

public class EncryptionConfigRendererTests
{
    [Fact]
    public void Publish_EveryControlPlane_GetsASecretboxConfigWithAKeyReference_IdentityLast()
    {
        using var dir = new TempFolder();

        var index = PlatformPublisher.Publish(TestModels.Production().BuildModel(), dir.Path);

        var entries = index.Artifacts.Where(a => a.Component == Components.Encryption).ToList();
        Assert.Equal(["cp-1", "cp-2", "cp-3"], entries.Select(e => e.Target));
        var text = File.ReadAllText(Path.Combine(dir.Path, entries[0].Path));
        var config = KubernetesYaml.Deserialize<EncryptionConfiguration>(text, strict: true);
        Assert.Equal(("apiserver.config.k8s.io/v1", "EncryptionConfiguration"), (config.ApiVersion, config.Kind));
        var resource = Assert.Single(config.Resources);
        Assert.Equal(["secrets"], resource.Resources);
        Assert.Equal(EncryptionConfigRenderer.KeyReference, Assert.Single(resource.Providers[0].Secretbox!.Keys).Secret);
        Assert.NotNull(resource.Providers[^1].Identity);
        Assert.Equal("0600", RenderedArtifacts.Of(TestModels.Production()).Host("cp-2", KubernetesPaths.EncryptionConfig).Mode);
        Snapshot.Match("Hosting.Tests", "host/cp-1.encryption-config.yaml", text);
    }
}
