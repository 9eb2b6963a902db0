using k8s;
using k8s.Models;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;

namespace Platform.Lab.Substrates;

/// <summary>
/// What the fast lab does for a model, computed without a cluster: the k3s command line, the ordered steps
/// (the Helm controller and its CRDs, the secrets, then every cluster manifest in the order the Deployer
/// applies them, then the readiness waits), the resources it does not run and why, and the NodePorts it
/// publishes. <see cref="FastSubstrate"/> runs exactly these steps.
/// </summary>
public sealed record FastLabPlan
{
    /// <summary>
    /// The k3s server command line. k3s's Traefik and metrics-server are off because the model installs its
    /// pinned Traefik and metrics-server itself; ServiceLB because nothing in the model uses LoadBalancer
    /// Services; the built-in Helm controller because the model's pinned one is applied like in production.
    /// </summary>
    public static IReadOnlyList<string> K3sServerArguments { get; } =
        ["server", "--disable=traefik", "--disable=metrics-server", "--disable=servicelb", "--disable-helm-controller"];

    /// <summary>The k3s image.</summary>
    public required string Image { get; init; }

    /// <summary>The k3s server command line.</summary>
    public IReadOnlyList<string> ServerArguments { get; init; } = K3sServerArguments;

    /// <summary>The steps, in order: applies and CRD waits run one after another, readiness waits per resource in parallel.</summary>
    public required IReadOnlyList<FastLabStep> Steps { get; init; }

    /// <summary>Model resources the fast lab does not run, with the reason (they are shown as not in substrate).</summary>
    public required IReadOnlyList<FastLabNote> NotInSubstrate { get; init; }

    /// <summary>Cluster manifests the fast lab does not apply, with the reason.</summary>
    public required IReadOnlyList<FastLabNote> SkippedArtifacts { get; init; }

    /// <summary>Model resources k3s itself provides; they are running once the k3s node is Ready.</summary>
    public required IReadOnlyList<FastLabNote> ProvidedByK3s { get; init; }

    /// <summary>The NodePorts published on 127.0.0.1.</summary>
    public required IReadOnlyList<LabEndpoint> Endpoints { get; init; }

    /// <summary>
    /// Plans the fast lab for <paramref name="model"/> from its rendered <paramref name="artifacts"/> and the
    /// <paramref name="secrets"/> artifacts (applied before any chart, like the Deployer's add-ons phase).
    /// </summary>
    public static FastLabPlan Create(PlatformModel model, IReadOnlyList<Artifact> artifacts, IReadOnlyList<Artifact> secrets)
    {
        var manifests = ClusterManifests.InApplyOrder(artifacts);
        var skipped = manifests.Select(a => (Artifact: a, Reason: SkipReason(model, a))).Where(s => s.Reason is not null).ToList();
        var applied = manifests.Where(a => skipped.All(s => s.Artifact != a)).ToList();
        // The Helm controller's file also holds its Deployment, so its stage is not Definitions; InApplyOrder puts it first all the same.
        var definitions = applied.Where(a => a.Component == Components.HelmController || ClusterManifests.StageOf(a) == ClusterManifests.Stage.Definitions).ToList();
        var rest = applied.Except(definitions).ToList();
        var steps = new List<FastLabStep>();

        foreach (var artifact in definitions)
        {
            steps.Add(ApplyStep(model, artifact));
        }

        var crds = definitions.SelectMany(ClusterManifests.Read).OfType<V1CustomResourceDefinition>().Select(c => c.Metadata.Name).ToList();
        if (crds.Count > 0)
        {
            steps.Add(WaitForCrds(ResourceFor(model, definitions[0]), crds));
        }

        steps.AddRange(secrets.Select(s => ApplyStep(model, s)));
        foreach (var config in FastLabOverrides.ChartConfigs(model))
        {
            var owner = model.OfType<AddOnResource>().FirstOrDefault(a => a.Chart?.ReleaseName == config.Metadata.Name)?.Name ?? model.Cluster.Name;
            steps.Add(new FastLabStep
            {
                Kind = FastLabStepKind.Apply,
                Resource = owner,
                Title = $"apply lab values for HelmChart {config.Metadata.Name} (HelmChartConfig: services on NodePorts)",
                Source = FastLabOverrides.Source,
                Objects = [config],
            });
        }

        foreach (var artifact in rest)
        {
            var required = ClusterManifests.RequiredCrds(artifact);
            if (required.Count > 0)
            {
                steps.Add(WaitForCrds(ResourceFor(model, artifact), required));
            }

            steps.Add(ApplyStep(model, artifact));
            var extra = FastLabOverrides.After(model, artifact);
            if (extra.Count > 0)
            {
                steps.Add(new FastLabStep
                {
                    Kind = FastLabStepKind.Apply,
                    Resource = ResourceFor(model, artifact),
                    Title = $"apply lab objects for {artifact.Path}: {string.Join(", ", extra.Select(Describe))}",
                    Source = FastLabOverrides.Source,
                    Objects = extra,
                });
            }
        }

        foreach (var artifact in applied)
        {
            foreach (var check in ClusterManifests.ReadinessChecks([artifact]).Concat(WorkloadChecks(model, artifact)))
            {
                // CRDs were waited for while applying; objects of their kinds needed them.
                if (check.Kind != "CustomResourceDefinition")
                {
                    steps.Add(new FastLabStep { Kind = FastLabStepKind.WaitReady, Resource = ResourceFor(model, artifact), Title = $"wait for {check}", Check = check });
                }
            }
        }

        var appliedResources = steps.Select(s => s.Resource).ToHashSet(StringComparer.Ordinal);
        var endpoints = FastLabOverrides.Endpoints(model).Where(e => appliedResources.Contains(e.Resource)).ToList();
        steps.AddRange(endpoints.Select(e => new FastLabStep { Kind = FastLabStepKind.WaitEndpoint, Resource = e.Resource, Title = $"wait for {e} to answer on 127.0.0.1", Endpoint = e }));

        var provided = ProvidedByK3sNotes(model).ToList();
        var notInSubstrate = new List<FastLabNote>();
        foreach (var resource in model.Resources.Where(r => !appliedResources.Contains(r.Name) && provided.All(p => p.Subject != r.Name)))
        {
            var reason = NotRunReason(resource)
                ?? skipped.Where(s => ResourceFor(model, s.Artifact) == resource.Name).Select(s => s.Reason).FirstOrDefault()
                ?? "the fast lab has no cluster manifest to apply for it";
            notInSubstrate.Add(new FastLabNote(resource.Name, reason));
        }

        return new FastLabPlan
        {
            Image = K3sImages.For(model),
            Steps = steps,
            NotInSubstrate = notInSubstrate,
            SkippedArtifacts = skipped.Select(s => new FastLabNote(s.Artifact.Path, s.Reason!)).ToList(),
            ProvidedByK3s = provided,
            Endpoints = endpoints,
        };
    }

    /// <summary>The plan as lines of text: what the fast lab would run, skip and publish.</summary>
    public IEnumerable<string> Describe()
    {
        yield return $"k3s {Image}: {string.Join(' ', ServerArguments)}";
        foreach (var note in ProvidedByK3s)
        {
            yield return $"provided by k3s: {note}";
        }

        foreach (var step in Steps)
        {
            yield return step.ToString();
        }

        foreach (var endpoint in Endpoints)
        {
            yield return $"publish on 127.0.0.1: {endpoint}";
        }

        foreach (var note in SkippedArtifacts)
        {
            yield return $"not applied: {note}";
        }

        foreach (var note in NotInSubstrate)
        {
            yield return $"not in substrate: {note}";
        }
    }

    /// <summary>The model resource an artifact's objects belong to (by component; by file name when several resources share a type).</summary>
    public static string ResourceFor(PlatformModel model, Artifact artifact)
    {
        IEnumerable<IResource> candidates = artifact.Component switch
        {
            Components.HelmController => model.OfType<HelmControllerResource>(),
            Components.Calico => model.OfType<CniResource>().Where(c => c.Plugin == CniPlugin.Calico),
            Components.Flannel => model.OfType<CniResource>().Where(c => c.Plugin == CniPlugin.Flannel),
            Components.IngressNginx => model.OfType<IngressNginxResource>(),
            Components.Traefik => model.OfType<TraefikResource>(),
            Components.Longhorn or Components.StorageClasses => model.OfType<CsiDriverResource>(),
            Components.Rbac => model.OfType<RbacResource>(),
            Components.NetworkPolicies => model.OfType<NetworkPolicyResource>(),
            Components.CertManager => model.OfType<CertManagerResource>(),
            Components.Prometheus or Components.AlertRules => model.OfType<PrometheusResource>(),
            Components.Grafana => model.OfType<GrafanaResource>(),
            Components.Elasticsearch => model.OfType<ElasticsearchResource>(),
            Components.Kibana => model.OfType<KibanaResource>(),
            Components.FluentBit => model.OfType<FluentBitResource>(),
            Components.MetricsServer => model.OfType<MetricsServerResource>(),
            Components.ClusterAutoscaler => model.OfType<ClusterAutoscalerResource>(),
            Components.Hpa => model.OfType<HorizontalPodAutoscalerResource>(),
            Components.Velero => model.OfType<VeleroResource>(),
            _ => [],
        };
        var list = candidates.ToList();
        var file = Path.GetFileNameWithoutExtension(artifact.Path);
        return (list.FirstOrDefault(r => r.Name == file) ?? list.FirstOrDefault())?.Name ?? model.Cluster.Name;
    }

    private static FastLabStep ApplyStep(PlatformModel model, Artifact artifact)
    {
        var objects = ClusterManifests.Read(artifact).Select(FastLabOverrides.Apply).ToList();
        var note = artifact.Component == Components.StorageClasses ? $" (provisioner {FastLabOverrides.LocalPathProvisioner} instead of Longhorn)" : "";
        return new FastLabStep
        {
            Kind = FastLabStepKind.Apply,
            Resource = ResourceFor(model, artifact),
            Title = $"apply {artifact.Path}{note}: {string.Join(", ", objects.Select(Describe))}",
            Source = artifact.Path,
            Objects = objects,
        };
    }

    private static FastLabStep WaitForCrds(string resource, IReadOnlyList<string> crds) => new()
    {
        Kind = FastLabStepKind.WaitForCrds,
        Resource = resource,
        Title = $"wait for CRDs Established: {string.Join(", ", crds)}",
        Crds = crds,
    };

    private static string Describe(IKubernetesObject<V1ObjectMeta> item)
        => $"{item.Kind} {(item.Metadata.NamespaceProperty is { } ns ? ns + "/" : "")}{item.Metadata.Name}";

    /// <summary>Chart workloads that have no object of their own to wait for: Fluent Bit's DaemonSet (named after its release).</summary>
    private static IEnumerable<ReadinessCheck> WorkloadChecks(PlatformModel model, Artifact artifact)
    {
        if (artifact.Component == Components.FluentBit && model.OfType<FluentBitResource>().FirstOrDefault(f => f.Name == ResourceFor(model, artifact))?.Chart is { } chart)
        {
            yield return new ReadinessCheck("DaemonSet", chart.Namespace, chart.ReleaseName, "Ready", artifact.Component);
        }
    }

    /// <summary>Why an artifact is not applied in the fast lab, or null when it is.</summary>
    private static string? SkipReason(PlatformModel model, Artifact artifact) => artifact.Component switch
    {
        Components.Calico => CalicoReason,
        Components.Flannel => FlannelReason,
        Components.Longhorn => "Longhorn needs open-iscsi and block devices on the host; k3s's local-path provisioner serves the model's StorageClasses instead",
        Components.ClusterAutoscaler => AutoscalerReason,
        Components.Velero => VeleroReason(model),
        _ => null,
    };

    private const string CalicoReason = "k3s's built-in flannel is the pod network (Calico needs the kernel modules and VXLAN set-up of real machines); NetworkPolicies are still enforced by k3s's policy controller";
    private const string FlannelReason = "k3s's built-in flannel is the pod network; the Flannel chart is not installed on top of it";
    private const string AutoscalerReason = "the lab is one fixed k3s node: there is no node pool to grow and no externalgrpc provider to ask";

    private static string VeleroReason(PlatformModel model)
        => $"Velero backs up to s3://{model.Find<VeleroResource>()?.Location.Bucket} with a credentials Secret the operator provides; the lab has neither, so it is not installed";

    /// <summary>Why the fast lab does not run a resource at all, or null when the artifacts decide.</summary>
    private static string? NotRunReason(IResource resource) => resource switch
    {
        NetworkResource or SubnetResource => "k3s runs in one container on the engine's network; the model's private network and subnets are created by the machines substrate",
        NodePoolResource { Role: NodeRole.LoadBalancer } pool => $"no load balancer machines ({pool.Count} in production): the API server is published on 127.0.0.1 directly",
        NodePoolResource pool => $"one k3s node stands in for the {pool.Count} {pool.Role.ToName()} machine(s) of this pool; the machines substrate boots them",
        MachineResource machine => $"one k3s node stands in for the machines; the machines substrate boots {machine.Name}",
        OperatingSystemResource => "the k3s image's own userland runs the node; packages, patches, sysctls, time sync and sshd belong to the machines",
        EtcdClusterResource => "k3s keeps cluster state in its embedded datastore; etcd runs on the control-plane machines in production",
        EtcdSnapshotResource => "there is no etcd to snapshot: k3s's datastore lives inside the container",
        ApiLoadBalancerResource => "no VIP, HAProxy or keepalived: the only API server is published on 127.0.0.1",
        OidcResource => "OIDC is API server configuration written by kubeadm; the lab uses k3s's admin kubeconfig and no identity provider",
        AuditPolicyResource => "the audit policy is an API server file set by kubeadm on the control planes; k3s runs without audit logging",
        CniResource { Plugin: CniPlugin.Calico } => CalicoReason,
        CniResource => FlannelReason,
        ClusterAutoscalerResource => AutoscalerReason,
        _ => null,
    };

    private static IEnumerable<FastLabNote> ProvidedByK3sNotes(PlatformModel model)
    {
        foreach (var resource in model.Resources)
        {
            var note = resource switch
            {
                KubernetesClusterResource cluster => $"k3s {cluster.Version} (one server node) instead of kubeadm on machines",
                ContainerRuntimeResource => "k3s's embedded containerd",
                KubeProxyResource => "k3s's embedded kube-proxy",
                _ => null,
            };
            if (note is not null)
            {
                yield return new FastLabNote(resource.Name, note);
            }
        }
    }
}
