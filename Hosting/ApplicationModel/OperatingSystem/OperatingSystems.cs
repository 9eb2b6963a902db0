namespace Aspire.Hosting.ApplicationModel;

/// <summary>The operating systems Platform knows how to prepare.</summary>
public static class OperatingSystems
{
    /// <summary>The production target: Ubuntu 24.04 LTS.</summary>
    public static (string Distribution, string Version) Ubuntu2404 { get; } = ("ubuntu", "24.04");

    /// <summary>Also supported by the Deployer, because it is what test machines built here run.</summary>
    public static (string Distribution, string Version) Debian12 { get; } = ("debian", "12");

    /// <summary>Every supported (distribution, version) pair.</summary>
    public static IReadOnlyList<(string Distribution, string Version)> Supported { get; } = [Ubuntu2404, Debian12];
}
