namespace Aspire.Hosting.ApplicationModel;

/// <summary>A cert-manager ClusterIssuer.</summary>
public sealed record ClusterIssuerAnnotation : IResourceAnnotation
{
    /// <summary>The issuer name, used in Certificate and Ingress annotations.</summary>
    public required string Name { get; init; }

    /// <summary>How it signs.</summary>
    public required ClusterIssuerKind Kind { get; init; }

    /// <summary>For ACME: the directory URL.</summary>
    public Uri? AcmeServer { get; init; }

    /// <summary>For ACME: the account e-mail.</summary>
    public string? Email { get; init; }
}
