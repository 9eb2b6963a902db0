namespace Platform.Hosting.Publishing.Models.CertManager;

/// <summary>cert-manager.io/v1 ClusterIssuer.</summary>
public sealed class ClusterIssuer() : CustomResource<IssuerSpec>("cert-manager.io/v1", "ClusterIssuer")
{
    /// <summary>The CRD that serves it (installed by the cert-manager chart).</summary>
    public const string CrdName = "clusterissuers.cert-manager.io";
}
