namespace Aspire.Hosting.ApplicationModel;

/// <summary>The identity provider the API server trusts.</summary>
public sealed record OidcIssuerAnnotation : IResourceAnnotation
{
    /// <summary>The issuer URL (https, as in the token's iss claim).</summary>
    public required Uri IssuerUrl { get; init; }

    /// <summary>The client id tokens are issued for (the aud claim).</summary>
    public required string ClientId { get; init; }

    /// <summary>The claim used as the user name.</summary>
    public string UsernameClaim { get; init; } = "email";

    /// <summary>The claim that lists the user's groups.</summary>
    public string GroupsClaim { get; init; } = "groups";

    /// <summary>Prefix added to OIDC user names so they never collide with built-in users.</summary>
    public string UsernamePrefix { get; init; } = "oidc:";

    /// <summary>Prefix added to OIDC group names.</summary>
    public string GroupsPrefix { get; init; } = "oidc:";
}
