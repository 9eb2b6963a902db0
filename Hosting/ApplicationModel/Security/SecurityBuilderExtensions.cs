using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds RBAC, OIDC login, the audit policy and network policies (layer 7).</summary>
public static class SecurityBuilderExtensions
{
    /// <summary>Adds the platform's ClusterRoles (platform-admin, developer, read-only); bind groups with <c>WithAccessGroup</c>.</summary>
    /// <example><code>cluster.AddRbac().WithAccessGroup("platform-admins", AccessLevel.PlatformAdmin);</code></example>
    public static IResourceBuilder<RbacResource> AddRbac(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "rbac")
        => cluster.AddAddOn(new RbacResource(name, cluster.Resource));

    /// <summary>Binds an identity-provider group to an access level (appends). Developers get access only in <paramref name="namespaces"/>, which they need (validation refuses none) and which cannot be platform namespaces.</summary>
    /// <example><code>rbac.WithAccessGroup("team-a", AccessLevel.Developer, "apps");</code></example>
    public static IResourceBuilder<RbacResource> WithAccessGroup(this IResourceBuilder<RbacResource> rbac, string group, AccessLevel level, params string[] namespaces)
        => rbac.WithAnnotation(new AccessGroupAnnotation { Group = group, Level = level, Namespaces = namespaces });

    /// <summary>Lets people log in to the API server with tokens from an OIDC identity provider.</summary>
    /// <example><code>cluster.AddOidc("https://login.example.com/realms/platform", clientId: "kubernetes");</code></example>
    public static IResourceBuilder<OidcResource> AddOidc(this IResourceBuilder<KubernetesClusterResource> cluster, string issuerUrl, string clientId, string name = "oidc")
    {
        if (!Uri.TryCreate(issuerUrl, UriKind.Absolute, out var issuer))
        {
            throw new PlatformModelException($"OIDC '{name}': '{issuerUrl}' is not an absolute URL. Use the issuer URL exactly as the provider publishes it, for example https://login.example.com/realms/platform.");
        }

        return cluster.AddAddOn(new OidcResource(name, cluster.Resource))
            .WithAnnotation(new OidcIssuerAnnotation { IssuerUrl = issuer, ClientId = clientId });
    }

    /// <summary>Sets which token claims carry the user name and groups (replaces the issuer settings' claims).</summary>
    /// <example><code>oidc.WithClaims(username: "preferred_username", groups: "groups");</code></example>
    public static IResourceBuilder<OidcResource> WithClaims(this IResourceBuilder<OidcResource> oidc, string username, string groups)
        => oidc.WithAnnotation(oidc.Resource.Issuer with { UsernameClaim = username, GroupsClaim = groups }, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Turns on API audit logging with Platform's policy (metadata for most, request bodies for RBAC and secrets access never).</summary>
    /// <example><code>cluster.AddAuditPolicy();</code></example>
    public static IResourceBuilder<AuditPolicyResource> AddAuditPolicy(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "audit")
        => cluster.AddAddOn(new AuditPolicyResource(name, cluster.Resource));

    /// <summary>Sets where the audit log goes and how it rotates (replaces).</summary>
    /// <example><code>audit.WithLog(new AuditLogAnnotation { Path = "/var/log/k8s-audit.log", MaxAgeDays = 90, MaxBackups = 20, MaxSizeMegabytes = 200 });</code></example>
    public static IResourceBuilder<AuditPolicyResource> WithLog(this IResourceBuilder<AuditPolicyResource> audit, AuditLogAnnotation log)
        => audit.WithAnnotation(log, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Adds default-deny NetworkPolicies (DNS and ingress-controller traffic allowed) to workload namespaces (appends).</summary>
    /// <example><code>cluster.AddNetworkPolicies("apps", "team-a");</code></example>
    public static IResourceBuilder<NetworkPolicyResource> AddNetworkPolicies(this IResourceBuilder<KubernetesClusterResource> cluster, params string[] namespaces)
    {
        var policies = cluster.AddAddOn(new NetworkPolicyResource("network-policies", cluster.Resource));
        foreach (var ns in namespaces)
        {
            policies.WithAnnotation(new WorkloadNamespaceAnnotation { Namespace = ns });
        }

        return policies;
    }

    /// <summary>Adds cert-manager with a private-CA ClusterIssuer named <c>platform-ca</c>.</summary>
    /// <example><code>cluster.AddCertManager().WithAcmeIssuer("letsencrypt", "https://acme-v02.api.letsencrypt.org/directory", "ops@example.com");</code></example>
    public static IResourceBuilder<CertManagerResource> AddCertManager(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "cert-manager")
        => cluster.AddAddOn(new CertManagerResource(name, cluster.Resource))
            .WithAnnotation(CertManagerVersions.Chart.ToAnnotation(name, "cert-manager"))
            .WithAnnotation(new ClusterIssuerAnnotation { Name = "platform-ca", Kind = ClusterIssuerKind.PrivateCa });

    /// <summary>Adds an ACME ClusterIssuer using HTTP-01 through the ingress controller (appends).</summary>
    /// <example><code>certManager.WithAcmeIssuer("letsencrypt", "https://acme-v02.api.letsencrypt.org/directory", "ops@example.com");</code></example>
    public static IResourceBuilder<CertManagerResource> WithAcmeIssuer(this IResourceBuilder<CertManagerResource> certManager, string name, string server, string email)
        => certManager.WithAnnotation(new ClusterIssuerAnnotation { Name = name, Kind = ClusterIssuerKind.Acme, AcmeServer = new Uri(server), Email = email });
}
