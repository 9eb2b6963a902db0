namespace Aspire.Hosting.ApplicationModel;

/// <summary>How an <see cref="EtcdSource"/> is written in settings (<c>Lab:EtcdSource</c>, <c>Deploy:EtcdSource</c>).</summary>
public static class EtcdSourceNames
{
    /// <summary>The accepted names, for error messages.</summary>
    public const string Accepted = "distro (the distribution's etcd package) or upstream (the pinned release, needs the internet)";

    /// <summary>The source a name stands for, or null when the name is none of <see cref="Accepted"/>.</summary>
    public static EtcdSource? Parse(string? name) => name?.Trim() switch
    {
        "distro" => EtcdSource.DistroPackage,
        "upstream" => EtcdSource.UpstreamRelease,
        _ => null,
    };
}
