namespace Aspire.Hosting.ApplicationModel;

/// <summary>One kernel parameter written to /etc/sysctl.d.</summary>
public sealed record SysctlAnnotation : IResourceAnnotation
{
    /// <summary>The key, for example <c>net.ipv4.ip_forward</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The value.</summary>
    public required string Value { get; init; }
}
