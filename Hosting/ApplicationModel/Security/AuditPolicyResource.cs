namespace Aspire.Hosting.ApplicationModel;

/// <summary>The API server audit policy and its log on every control plane (layer 7).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class AuditPolicyResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Security;

    /// <summary>Log location and rotation.</summary>
    public AuditLogAnnotation Log => this.TryGetLastAnnotation<AuditLogAnnotation>(out var log) ? log : AuditLogAnnotation.Default;

    /// <summary>Where the policy file sits on control planes.</summary>
    public const string PolicyPath = "/etc/kubernetes/audit/policy.yaml";
}
