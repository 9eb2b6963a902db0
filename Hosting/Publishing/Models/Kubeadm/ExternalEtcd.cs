namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>An external etcd cluster and the client certificate the API server uses.</summary>
public sealed class ExternalEtcd
{
    /// <summary>Client URLs of every member.</summary>
    public List<string> Endpoints { get; set; } = [];

    /// <summary>The etcd CA.</summary>
    public string CaFile { get; set; } = "";

    /// <summary>The API server's client certificate.</summary>
    public string CertFile { get; set; } = "";

    /// <summary>Its key.</summary>
    public string KeyFile { get; set; } = "";
}
