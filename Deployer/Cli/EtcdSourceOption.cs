using Aspire.Hosting;
using System.CommandLine;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Cli;

/// <summary><c>--etcd-source upstream|distro</c>, shared by deploy and by run's machines lab.</summary>
public static class EtcdSourceOption
{
    /// <summary>The option, accepting only <c>upstream</c> and <c>distro</c>.</summary>
    public static Option<string?> Create(string description)
    {
        var option = new Option<string?>("--etcd-source") { Description = description };
        option.AcceptOnlyFromAmong("upstream", "distro");
        return option;
    }

    /// <summary>The source a parsed value names, or null when the option was not given.</summary>
    public static EtcdSource? Parse(string? value) => value switch
    {
        "distro" => EtcdSource.DistroPackage,
        "upstream" => EtcdSource.UpstreamRelease,
        _ => null,
    };

    /// <summary>Overrides the model's etcd source before it is built (replaces; no-op without a source or etcd).</summary>
    public static void ApplyTo(IDistributedApplicationBuilder builder, EtcdSource? source)
        => EtcdSourceOverride.Apply(builder.Resources, source);
}
