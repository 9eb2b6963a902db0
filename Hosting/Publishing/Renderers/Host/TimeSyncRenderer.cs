using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>Layer 2: chrony following the model's time servers; etcd and TLS need clocks within a second.</summary>
public sealed class TimeSyncRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        var os = context.Model.Single<OperatingSystemResource>();
        var servers = string.Join("\n", os.TimeServers.Select(s => $"{(s.Contains("pool", StringComparison.Ordinal) ? "pool" : "server")} {s} iburst"));
        foreach (var machine in context.Topology.Machines)
        {
            yield return Artifact.ForHost(machine, PlatformLayer.OperatingSystem, Components.TimeSync, "/etc/chrony/conf.d/platform.conf", $"""
                # Time sources for {machine.Name}; step the clock at start-up if it is far off, slew afterwards.
                {servers}
                makestep 1.0 3
                rtcsync

                """);
        }
    }
}
