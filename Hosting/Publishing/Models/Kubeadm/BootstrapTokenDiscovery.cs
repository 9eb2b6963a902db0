namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>Token discovery: the endpoint, the token and the pinned CA public key hash.</summary>
public sealed class BootstrapTokenDiscovery
{
    /// <summary>The bootstrap token.</summary>
    public string Token { get; set; } = "";

    /// <summary>host:port of the API.</summary>
    public string ApiServerEndpoint { get; set; } = "";

    /// <summary>sha256:... pins of the cluster CA's public key.</summary>
    public List<string> CaCertHashes { get; set; } = [];
}
