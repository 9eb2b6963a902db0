using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Substrates;

/// <summary>The k3s image the fast lab runs: the k3s release of the Kubernetes version the model pins.</summary>
public static class K3sImages
{
    /// <summary>The image, <c>rancher/k3s:v1.30.3-k3s1</c> (k3s of the same release as <see cref="KubernetesVersions.Default"/>).</summary>
    public const string Default = KubernetesVersions.K3sImage;

    /// <summary>The image for the model's Kubernetes version.</summary>
    /// <exception cref="PlatformException">The model asks for a version the fast lab has no k3s image pinned for.</exception>
    public static string For(PlatformModel model)
    {
        var version = model.Cluster.Version;
        if (version != KubernetesVersions.Default)
        {
            throw new PlatformException($"The fast lab pins {Default} (Kubernetes {KubernetesVersions.Default}), but cluster '{model.Cluster.Name}' asks for Kubernetes {version}. Pin the k3s image of that release in KubernetesVersions.K3sImage, or use the machines substrate.");
        }

        return Default;
    }
}
