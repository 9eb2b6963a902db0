namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>Settings of a control-plane component.</summary>
public sealed class ControlPlaneComponent
{
    /// <summary>Extra flags.</summary>
    public Dictionary<string, string>? ExtraArgs { get; set; }

    /// <summary>Host paths mounted into the static pod.</summary>
    public List<HostPathMount>? ExtraVolumes { get; set; }
}
