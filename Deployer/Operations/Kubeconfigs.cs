using k8s;
using k8s.KubeConfigModels;

namespace Platform.Deployer.Operations;

/// <summary>Admin kubeconfigs read from a cluster (kubeadm's admin.conf, k3s's k3s.yaml), pointed where a client reaches the API.</summary>
public static class Kubeconfigs
{
    /// <summary>Parses <paramref name="kubeconfig"/> and points every cluster at <paramref name="server"/>.</summary>
    /// <exception cref="Aspire.Hosting.ApplicationModel.PlatformException">It is not a kubeconfig.</exception>
    public static K8SConfiguration PointAt(string kubeconfig, Uri server)
    {
        K8SConfiguration config;
        try
        {
            config = KubernetesYaml.Deserialize<K8SConfiguration>(kubeconfig);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException)
        {
            // The content holds credentials: the message names only the problem.
            throw new Aspire.Hosting.ApplicationModel.PlatformException($"The admin kubeconfig could not be read as a kubeconfig ({e.GetType().Name}).", e);
        }

        if (config.Clusters is null || !config.Clusters.Any())
        {
            throw new Aspire.Hosting.ApplicationModel.PlatformException("The admin kubeconfig names no cluster.");
        }

        foreach (var cluster in config.Clusters)
        {
            cluster.ClusterEndpoint.Server = server.ToString().TrimEnd('/');
        }

        return config;
    }
}
