using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Etcd;

/// <summary>etcdctl command lines run on a control plane, over TLS with the admin client certificate placed there.</summary>
public static class Etcdctl
{
    private static string Tls => $"--cacert={EtcdPaths.CaCertificate} --cert={EtcdPaths.AdminClientCertificate} --key={EtcdPaths.AdminClientKey} --command-timeout=5s";

    /// <summary>Against the member on this host only.</summary>
    public static string Local(string arguments) => $"ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:{EtcdClusterResource.ClientPort} {Tls} {arguments}";

    /// <summary>Against every member of the model (the client balances and fails over).</summary>
    public static string Cluster(DeploymentContext context, string arguments)
        => $"ETCDCTL_API=3 etcdctl --endpoints={string.Join(',', context.RenderContext.EtcdClientUrls)} {Tls} {arguments}";

    /// <summary>Against one named endpoint.</summary>
    public static string At(string endpoint, string arguments) => $"ETCDCTL_API=3 etcdctl --endpoints={endpoint} {Tls} {arguments}";
}
