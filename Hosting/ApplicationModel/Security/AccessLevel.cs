namespace Aspire.Hosting.ApplicationModel;

/// <summary>What a group may do.</summary>
public enum AccessLevel
{
    /// <summary>Everything, cluster-wide.</summary>
    PlatformAdmin,

    /// <summary>Manage workloads in their namespaces; read cluster-scoped objects.</summary>
    Developer,

    /// <summary>Read everything except Secrets.</summary>
    ReadOnly,
}
