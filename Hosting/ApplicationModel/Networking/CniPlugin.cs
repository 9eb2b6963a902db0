namespace Aspire.Hosting.ApplicationModel;

/// <summary>The CNI plugins Platform can install.</summary>
public enum CniPlugin
{
    /// <summary>Calico through the Tigera operator: BGP-free VXLAN, NetworkPolicy enforcement.</summary>
    Calico,

    /// <summary>Flannel VXLAN; does not enforce NetworkPolicy.</summary>
    Flannel,
}
