using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>Layer 8: node_exporter on every machine, listening on its private address, with systemd and textfile collectors.</summary>
public sealed class NodeExporterRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        foreach (var machine in context.Topology.Machines)
        {
            yield return Artifact.ForHost(machine, PlatformLayer.Observability, Components.NodeExporter, "/etc/default/prometheus-node-exporter", $"""
                # node_exporter on {machine.Name}: Prometheus (in the cluster) scrapes {machine.Address}:{NodeExporterVersions.Port}.
                ARGS="--web.listen-address={machine.Address}:{NodeExporterVersions.Port} --collector.systemd --collector.textfile.directory={EtcdSnapshotMetrics.TextfileDirectory}"

                """);
        }
    }
}
