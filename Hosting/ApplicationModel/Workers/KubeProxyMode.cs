namespace Aspire.Hosting.ApplicationModel;

/// <summary>How kube-proxy programs service routing.</summary>
public enum KubeProxyMode
{
    /// <summary>iptables rules (the default).</summary>
    Iptables,

    /// <summary>IPVS, for clusters with thousands of services.</summary>
    Ipvs,
}
