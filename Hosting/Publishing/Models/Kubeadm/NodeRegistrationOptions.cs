namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>How a node registers with the API server.</summary>
public sealed class NodeRegistrationOptions
{
    /// <summary>The node name.</summary>
    public string? Name { get; set; }

    /// <summary>The container runtime socket.</summary>
    public string? CriSocket { get; set; }

    /// <summary>Extra kubelet flags.</summary>
    public Dictionary<string, string>? KubeletExtraArgs { get; set; }

    /// <summary>Taints; an empty list means none, null means kubeadm's default.</summary>
    public List<Taint>? Taints { get; set; }
}
