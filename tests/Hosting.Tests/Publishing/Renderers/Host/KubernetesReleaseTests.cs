using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Validation;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Host;

/// <summary>The releases an upgrade can move to: each renders its own packages, apt source and pause image; others are refused.</summary>
public sealed class KubernetesReleaseTests
{
    [Theory]
    [InlineData("1.30.3", "v1.30", "pause:3.9")]
    [InlineData("1.31.14", "v1.31", "pause:3.10")]
    [InlineData("1.32.13", "v1.32", "pause:3.10")]
    public void Render_EachPinnedRelease_ItsPackagesAptSourceKubeadmVersionAndPauseImage(string version, string minorLine, string pause)
    {
        var artifacts = RenderedArtifacts.Of(TestModels.Production(b => Cluster(b).WithKubernetesVersion(version)));

        Assert.Contains($"Pin: version {version}-1.1", artifacts.Host("worker-1", "/etc/apt/preferences.d/kubernetes").Content, StringComparison.Ordinal);
        Assert.Contains($"https://pkgs.k8s.io/core:/stable:/{minorLine}/deb/", artifacts.Host("cp-2", "/etc/apt/sources.list.d/kubernetes.list").Content, StringComparison.Ordinal);
        Assert.Contains($"kubernetesVersion: v{version}", artifacts.Host("cp-1", KubernetesPaths.KubeadmConfig).Content, StringComparison.Ordinal);
        Assert.Contains($"sandbox_image = \"registry.k8s.io/{pause}\"", artifacts.Host("worker-2", "/etc/containerd/config.toml").Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.31.2")]   // a 1.31 patch Platform does not pin
    [InlineData("1.33.0")]   // a line not pinned
    public void Build_AReleaseNotPinned_IsAValidationErrorListingThePinnedOnes(string version)
    {
        var e = Assert.Throws<PlatformValidationException>(() => TestModels.Production(b => Cluster(b).WithKubernetesVersion(version)).BuildModel());

        var error = Assert.Single(e.Errors, x => x.Problem.Contains($"{version} is not supported", StringComparison.Ordinal));
        Assert.Contains("1.30.3, 1.31.14, 1.32.13", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Releases_OnePerMinorLine_OldestFirst_TheDefaultFirst()
    {
        var lines = KubernetesVersions.Releases.Select(r => KubernetesVersions.MinorLine(r.Version)).ToList();

        Assert.Equal(KubernetesVersions.Default, KubernetesVersions.Releases[0].Version);
        Assert.Equal(lines.Distinct().Count(), lines.Count);
        Assert.Equal(lines.OrderBy(l => int.Parse(l.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture)), lines);
    }

    private static IResourceBuilder<KubernetesClusterResource> Cluster(IDistributedApplicationBuilder builder)
        => builder.CreateResourceBuilder(builder.Resources.OfType<KubernetesClusterResource>().Single());
}
