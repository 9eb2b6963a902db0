namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>API server settings.</summary>
public sealed class ApiServerComponent
{
    /// <summary>Extra flags.</summary>
    public Dictionary<string, string>? ExtraArgs { get; set; }

    /// <summary>Host paths mounted into the static pod.</summary>
    public List<HostPathMount>? ExtraVolumes { get; set; }

    /// <summary>Extra names and addresses in the serving certificate.</summary>
    public List<string>? CertSANs { get; set; }
}
