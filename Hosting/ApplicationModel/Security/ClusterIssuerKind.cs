namespace Aspire.Hosting.ApplicationModel;

/// <summary>How a ClusterIssuer signs certificates.</summary>
public enum ClusterIssuerKind
{
    /// <summary>A private CA made by cert-manager (self-signed root, then a CA issuer); works offline.</summary>
    PrivateCa,

    /// <summary>ACME (Let's Encrypt or an internal ACME server) with HTTP-01 through the ingress controller.</summary>
    Acme,
}
