namespace Aspire.Hosting.ApplicationModel;

/// <summary>The NTP servers chrony follows; etcd and TLS need clocks within a second of each other.</summary>
public sealed record TimeSyncAnnotation : IResourceAnnotation
{
    /// <summary>Server or pool host names.</summary>
    public required IReadOnlyList<string> Servers { get; init; }
}
