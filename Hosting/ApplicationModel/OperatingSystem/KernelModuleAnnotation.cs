namespace Aspire.Hosting.ApplicationModel;

/// <summary>A kernel module loaded at boot through /etc/modules-load.d.</summary>
public sealed record KernelModuleAnnotation : IResourceAnnotation
{
    /// <summary>The module name, for example <c>br_netfilter</c>.</summary>
    public required string Module { get; init; }
}
