namespace Aspire.Hosting.ApplicationModel;

/// <summary>Chooses where etcd binaries come from.</summary>
public sealed record EtcdSourceAnnotation : IResourceAnnotation
{
    /// <summary>The source.</summary>
    public required EtcdSource Source { get; init; }
}
