namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>An API server address and port.</summary>
public sealed class ApiEndpoint
{
    /// <summary>The address.</summary>
    public string AdvertiseAddress { get; set; } = "";

    /// <summary>The port.</summary>
    public int BindPort { get; set; }
}
