using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>kubectl on a control plane, with the admin kubeconfig kubeadm wrote there.</summary>
public static class AdminKubectl
{
    /// <summary>The start of every such command.</summary>
    public const string Command = "kubectl --kubeconfig=" + KubernetesPaths.AdminKubeconfig;
}
