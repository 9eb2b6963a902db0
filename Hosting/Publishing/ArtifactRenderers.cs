namespace Platform.Hosting.Publishing;

/// <summary>Every renderer, in layer order. Publish and the Deployer both render through this list.</summary>
public static class ArtifactRenderers
{
    /// <summary>The renderers.</summary>
    public static IReadOnlyList<IArtifactRenderer> All { get; } =
    [
        // Layers 1-2: machines and operating system
        new Renderers.Host.MachinesRenderer(),
        new Renderers.Host.FirewallRenderer(),
        new Renderers.Host.OperatingSystemRenderer(),
        new Renderers.Host.TimeSyncRenderer(),
        new Renderers.Host.SshdRenderer(),

        // Layers 3-4: control plane and workers
        new Renderers.Host.EtcdRenderer(),
        new Renderers.Host.KubeadmRenderer(),
        new Renderers.Host.ContainerdRenderer(),
        new Renderers.Host.KubernetesPackagesRenderer(),
        new Renderers.Host.KubeletSysctlsRenderer(),
        new Renderers.Cluster.HelmControllerRenderer(),

        // Layers 5-7: networking, storage, security
        new Renderers.Cluster.CniRenderer(),
        new Renderers.Cluster.IngressNginxRenderer(),
        new Renderers.Cluster.StorageRenderer(),
        new Renderers.Host.AuditPolicyRenderer(),
        new Renderers.Host.EncryptionConfigRenderer(),
        new Renderers.Host.AdmissionConfigRenderer(),
        new Renderers.Cluster.RbacRenderer(),
        new Renderers.Cluster.OidcRenderer(),
        new Renderers.Cluster.NetworkPoliciesRenderer(),
        new Renderers.Cluster.PlatformNetworkPoliciesRenderer(),
        new Renderers.Cluster.CertManagerRenderer(),

        // Layers 8-10: observability, availability, backup
        new Renderers.Host.NodeExporterRenderer(),
        new Renderers.Cluster.PrometheusRenderer(),
        new Renderers.Cluster.AlertRulesRenderer(),
        new Renderers.Cluster.GrafanaRenderer(),
        new Renderers.Cluster.ElasticRenderer(),
        new Renderers.Cluster.FluentBitRenderer(),
        new Renderers.Host.HaProxyRenderer(),
        new Renderers.Host.KeepalivedRenderer(),
        new Renderers.Cluster.MetricsServerRenderer(),
        new Renderers.Cluster.ClusterAutoscalerRenderer(),
        new Renderers.Cluster.HpaRenderer(),
        new Renderers.Host.EtcdSnapshotRenderer(),
        new Renderers.Cluster.VeleroRenderer(),
    ];

    /// <summary>Renders every artifact of a context, failing on two artifacts with the same path.</summary>
    public static IReadOnlyList<Artifact> RenderAll(RenderContext context)
    {
        var artifacts = All.SelectMany(r => r.Render(context)).ToList();
        var clash = artifacts.GroupBy(a => a.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException($"Two artifacts render to '{clash.Key}' ({string.Join(", ", clash.Select(a => a.Component))}). Each renderer must own its paths.");
        }

        return artifacts;
    }
}
