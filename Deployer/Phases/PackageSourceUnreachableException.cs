using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>A package repository cannot be reached from a host; the phase stops before installing anything.</summary>
public sealed class PackageSourceUnreachableException(string host, string source, string detail)
    : PlatformException($"{host}: the Kubernetes package repository {source} is not reachable from this machine ({detail}). " +
        "kubeadm, kubelet and kubectl come from there. Fix: allow HTTPS from the machines to it, or mirror it and set cluster.WithKubernetesPackageMirror(url). " +
        "(A retry can help only if the network was briefly down.)")
{
    /// <summary>The host.</summary>
    public string Host { get; } = host;

    /// <summary>The unreachable repository.</summary>
    public string Repository { get; } = source;
}
