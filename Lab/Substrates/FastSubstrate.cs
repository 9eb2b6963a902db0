using System.Collections.Concurrent;
using Docker.DotNet;
using Docker.DotNet.Models;
using k8s;
using Platform.Deployer.Pki;
using Platform.Deployer.State;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Renderers.Cluster;
using Platform.Lab.Kubernetes;
using Platform.Lab.Resources;

namespace Platform.Lab.Substrates;

/// <summary>
/// The fast lab: k3s (<see cref="K3sImages.Default"/>) in one container, started through Testcontainers' k3s
/// module, with the platform's cluster add-ons applied through KubernetesClient in the order the Deployer's
/// add-ons phase uses (<see cref="ClusterManifests"/>): the Helm controller and its CRDs, the Grafana admin
/// Secret, the HelmCharts (kube-prometheus-stack with Grafana, ECK with Elasticsearch and Kibana, Fluent Bit,
/// Traefik, cert-manager, metrics-server), RBAC, NetworkPolicies, StorageClasses and the chart-installed
/// custom resources. It then waits, per resource in parallel, for the declared readiness checks, and publishes
/// Grafana, Prometheus, Kibana and the ingress controller's NodePorts on 127.0.0.1.
/// <para>
/// k3s runs with its own Traefik, metrics-server and ServiceLB off (the model brings its pinned Traefik and
/// metrics-server) and without its built-in Helm controller (the model's pinned one is applied, as in
/// production). The only changes to the published declarations are in <see cref="FastLabOverrides"/>.
/// </para>
/// <para>Not in this substrate (shown as such, with the reason; see <see cref="FastLabPlan.NotInSubstrate"/>):</para>
/// <list type="bullet">
/// <item>machines, node pools, the private network and subnets: one k3s node stands in for them;</item>
/// <item>the OS layer (packages, patches, sysctls, time sync, sshd): the k3s image's userland runs the node;</item>
/// <item>kubeadm, external etcd and its snapshots: k3s has its own datastore inside the container;</item>
/// <item>the API VIP (HAProxy, keepalived): the only API server is published on 127.0.0.1;</item>
/// <item>OIDC and the audit policy: API server flags kubeadm sets; k3s runs with its admin kubeconfig;</item>
/// <item>Calico: k3s's flannel is the pod network (NetworkPolicies are still enforced by k3s);</item>
/// <item>Longhorn: needs open-iscsi and block devices; k3s's local-path provisioner serves the StorageClasses;</item>
/// <item>the Cluster Autoscaler: one fixed node, no provider; Velero: no bucket and no credentials.</item>
/// </list>
/// <para>
/// Every container carries <c>platform.lab=&lt;name&gt;</c>. A kept lab is reused (its kubeconfig read again
/// from the container) or replaced; disposing removes only the container this instance started or adopted,
/// unless <see cref="Keep"/> was called.
/// </para>
/// </summary>
public sealed partial class FastSubstrate : ILabSubstrate
{
    /// <summary>How long k3s may take to start.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How long a pull of a missing image may take before the lab gives up.</summary>
    public static readonly TimeSpan DefaultPullTimeout = TimeSpan.FromSeconds(60);

    private readonly LabOptions _options;
    private readonly string? _image;
    private readonly TimeSpan _pullTimeout;
    private readonly TimeSpan _readinessTimeout;
    private readonly DockerClient _docker;
    private k8s.Kubernetes? _client;
    private bool _keep;

    /// <summary>Creates the substrate; nothing starts before <see cref="StartAsync"/>.</summary>
    public FastSubstrate(LabOptions options)
        : this(options, image: null)
    {
    }

    /// <summary>For tests: another image, pull timeout or readiness timeout.</summary>
    internal FastSubstrate(LabOptions options, string? image, TimeSpan? pullTimeout = null, TimeSpan? readinessTimeout = null)
    {
        _options = options;
        _image = image;
        _pullTimeout = pullTimeout ?? DefaultPullTimeout;
        _readinessTimeout = readinessTimeout ?? ReadinessWaiter.DefaultTimeout;
        _docker = new DockerClientBuilder().WithEndpoint(options.Engine).Build();
    }

    /// <inheritdoc />
    public LabSubstrateKind Kind => LabSubstrateKind.Fast;

    /// <summary>The k3s container this instance started or adopted, once it exists.</summary>
    public string? ContainerId { get; private set; }

    /// <summary>Where the admin kubeconfig (pointed at 127.0.0.1) is written, 0600.</summary>
    public string KubeconfigPath => Path.Combine(_options.StateDirectory, "kubeconfig");

    /// <summary>
    /// Renders the model's artifacts (planned topology, secrets from the state folder's secret store) and
    /// plans the fast lab from them.
    /// </summary>
    public static FastLabPlan CreatePlan(LabOptions options)
    {
        var secrets = new SecretStore(new StateFolder(options.StateDirectory));
        var context = new RenderContext(options.Model, options.Model.PlanTopology(), new PlatformSecrets
        {
            BootstrapToken = secrets.BootstrapToken,
            CertificateKey = secrets.CertificateKey,
            // kubeadm is not run, so there is no cluster CA to pin; no cluster manifest uses it.
            CaCertHash = PlatformSecrets.References.CaCertHash,
        });
        IReadOnlyList<Artifact> secretArtifacts = options.Model.Find<GrafanaResource>() is null
            ? []
            : [PrometheusRenderer.GrafanaAdminSecretArtifact(secrets.GrafanaAdminPassword)];
        return FastLabPlan.Create(options.Model, ArtifactRenderers.RenderAll(context), secretArtifacts);
    }

    /// <inheritdoc />
    public async Task StartAsync(LabResources store, CancellationToken cancellationToken)
    {
        try
        {
            await StartCoreAsync(store, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var cluster = _options.Model.Cluster.Name;
            if (store.StateOf(cluster) == ResourceState.Starting)
            {
                store.Set(cluster, ResourceState.Failed, e.Message);
            }

            store.SetLab(ResourceState.Failed, $"fast lab {_options.Name} failed: {e.Message}");
            throw;
        }
    }

    private async Task StartCoreAsync(LabResources store, CancellationToken cancellationToken)
    {
        var plan = CreatePlan(_options);
        if (_image is not null)
        {
            plan = plan with { Image = _image };
        }

        foreach (var note in plan.NotInSubstrate)
        {
            store.Set(note.Subject, ResourceState.NotInSubstrate, note.Text);
        }

        var cluster = _options.Model.Cluster.Name;
        store.SetLab(ResourceState.Starting, $"checking the image {plan.Image} on {_options.Engine}");
        await EnsureImageAsync(plan.Image, cancellationToken).ConfigureAwait(false);

        store.Set(cluster, ResourceState.Starting, $"starting k3s ({plan.Image})");
        store.SetLab(ResourceState.Starting, $"starting k3s ({plan.Image})");
        ContainerId = await HandleExistingAsync(plan, cancellationToken).ConfigureAwait(false);
        if (ContainerId is null)
        {
            Log(store, cluster, $"k3s: creating container {_options.Name}-k3s: {string.Join(' ', plan.ServerArguments)}");
            ContainerId = await CreateContainerAsync(plan, cancellationToken).ConfigureAwait(false);
        }

        var inspect = await _docker.Containers.InspectContainerAsync(ContainerId, cancellationToken).ConfigureAwait(false);
        var apiPort = HostPort(inspect, ApiPort) ?? throw new PlatformException($"The k3s container {ContainerId[..12]} of lab {_options.Name} does not publish port {ApiPort}. Replace the lab with --replace.");
        var kubeconfig = await ReadKubeconfigAsync(ContainerId, apiPort, cancellationToken).ConfigureAwait(false);
        StateFiles.WriteSecret(KubeconfigPath, KubernetesYaml.Serialize(kubeconfig));
        _client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig));

        var waiter = new ReadinessWaiter(_client, _readinessTimeout);
        await waiter.WaitAsync(new UntilNodeReady(), line => Log(store, cluster, line), cancellationToken).ConfigureAwait(false);
        var api = new ResourceEndpoint("api", $"https://127.0.0.1:{apiPort}");
        foreach (var note in plan.ProvidedByK3s)
        {
            store.Set(note.Subject, ResourceState.Running, note.Subject == cluster ? $"{note.Text}; kubeconfig {KubeconfigPath}" : note.Text, note.Subject == cluster ? [api] : null);
        }

        Report($"k3s: container {ContainerId[..12]} ready, API {api.Url}, kubeconfig {KubeconfigPath}");

        var endpoints = PublishedEndpoints(plan, inspect, store);
        var failures = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        store.SetLab(ResourceState.Starting, "applying the cluster add-ons");
        await ApplyAsync(plan, store, waiter, failures, cancellationToken).ConfigureAwait(false);
        store.SetLab(ResourceState.Starting, "waiting for the add-ons to become ready");
        await WaitReadyAsync(plan, store, waiter, endpoints, failures, cancellationToken).ConfigureAwait(false);

        if (!failures.IsEmpty)
        {
            var summary = string.Join("; ", failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {f.Value}"));
            throw new LabStartException($"Fast lab {_options.Name}: {failures.Count} resource(s) did not come up. {summary}");
        }

        Report($"Fast lab {_options.Name} is ready: k3s at {api.Url}.");
    }

    /// <inheritdoc />
    public void Keep() => _keep = true;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_keep && ContainerId is { } id)
        {
            try
            {
                await _docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }).ConfigureAwait(false);
            }
            catch (DockerContainerNotFoundException)
            {
            }

            ContainerId = null;
        }

        _client?.Dispose();
        _docker.Dispose();
    }

    /// <summary>The endpoints by NodePort, set on their resources; a kept container may lack newer ones.</summary>
    private Dictionary<int, string> PublishedEndpoints(FastLabPlan plan, ContainerInspectResponse inspect, LabResources store)
    {
        var urls = new Dictionary<int, string>();
        foreach (var endpoint in plan.Endpoints)
        {
            if (HostPort(inspect, endpoint.NodePort) is { } port)
            {
                urls[endpoint.NodePort] = endpoint.Url(port);
                Report($"{endpoint.Resource} {endpoint.Name}: {urls[endpoint.NodePort]}");
            }
        }

        foreach (var group in plan.Endpoints.Where(e => urls.ContainsKey(e.NodePort)).GroupBy(e => e.Resource))
        {
            // Shown as soon as known; the state moves when the resource's steps run.
            store.Set(group.Key, store.StateOf(group.Key) ?? ResourceState.Waiting, endpoints: group.Select(e => new ResourceEndpoint(e.Name, urls[e.NodePort])).ToList());
        }

        return urls;
    }

    /// <summary>Runs the apply and CRD steps in order; a failure fails its resource, and stops the lab only for the Helm controller.</summary>
    private async Task ApplyAsync(FastLabPlan plan, LabResources store, ReadinessWaiter waiter, ConcurrentDictionary<string, string> failures, CancellationToken cancellationToken)
    {
        var applier = new ClusterObjectApplier(_client!);
        var waits = plan.Steps.Where(s => s.Kind is FastLabStepKind.WaitReady or FastLabStepKind.WaitEndpoint).Select(s => s.Resource).ToHashSet(StringComparer.Ordinal);
        var applied = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var step in plan.Steps.Where(s => s.Kind is FastLabStepKind.Apply or FastLabStepKind.WaitForCrds))
        {
            if (failures.ContainsKey(step.Resource))
            {
                continue;
            }

            Log(store, step.Resource, step.Title);
            store.Set(step.Resource, ResourceState.Starting, step.Title);
            try
            {
                if (step.Kind == FastLabStepKind.Apply)
                {
                    foreach (var item in step.Objects)
                    {
                        await applier.ApplyAsync(item, cancellationToken).ConfigureAwait(false);
                    }

                    applied[step.Resource] = applied.GetValueOrDefault(step.Resource) + step.Objects.Count;
                }
                else
                {
                    foreach (var crd in step.Crds)
                    {
                        await waiter.WaitAsync(new UntilCrdEstablished(crd), line => store.AppendLog(step.Resource, line), cancellationToken).ConfigureAwait(false);
                    }

                    applier.Refresh();
                }
            }
            catch (Exception e) when (e is PlatformException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                Fail(store, failures, step.Resource, $"{step.Title}: {e.Message}");
                if (_options.Model.Find<HelmControllerResource>()?.Name == step.Resource)
                {
                    throw new LabStartException($"Fast lab {_options.Name}: the Helm controller could not be installed, so no add-on can be. {e.Message}");
                }
            }
        }

        foreach (var (resource, count) in applied.Where(a => !waits.Contains(a.Key) && !failures.ContainsKey(a.Key)))
        {
            store.Set(resource, ResourceState.Running, $"applied {count} object(s)");
        }
    }

    /// <summary>Waits for every resource's readiness checks and endpoints, resources in parallel, checks of one resource in order.</summary>
    private async Task WaitReadyAsync(FastLabPlan plan, LabResources store, ReadinessWaiter waiter, Dictionary<int, string> endpoints, ConcurrentDictionary<string, string> failures, CancellationToken cancellationToken)
    {
        var groups = plan.Steps.Where(s => s.Kind is FastLabStepKind.WaitReady or FastLabStepKind.WaitEndpoint).GroupBy(s => s.Resource).Where(g => !failures.ContainsKey(g.Key));
        await Task.WhenAll(groups.Select(async group =>
        {
            var ready = new List<string>();
            foreach (var step in group)
            {
                UntilClusterCondition? condition = null;
                Log(store, group.Key, step.Title);
                try
                {
                    condition = Condition(step, endpoints);
                    store.Set(group.Key, ResourceState.Starting, $"waiting for {condition.Description}");
                    var seen = await waiter.WaitAsync(condition, line =>
                    {
                        store.AppendLog(group.Key, line);
                        store.Set(group.Key, ResourceState.Starting, line);
                    }, cancellationToken).ConfigureAwait(false);
                    ready.Add($"{condition.Description} ({seen})");
                }
                catch (PlatformException e)
                {
                    Fail(store, failures, group.Key, e.Message);
                    if (condition is UntilJobComplete job)
                    {
                        await AppendJobLogsAsync(store, group.Key, job, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                }
            }

            store.Set(group.Key, ResourceState.Running, "ready: " + string.Join("; ", ready));
        })).ConfigureAwait(false);
    }

    /// <summary>What decides a wait step: its readiness check, or its endpoint answering where it is published.</summary>
    private static UntilClusterCondition Condition(FastLabStep step, Dictionary<int, string> endpoints)
    {
        if (step.Endpoint is not { } endpoint)
        {
            return ReadinessWaiter.For(step.Check!);
        }

        return endpoints.TryGetValue(endpoint.NodePort, out var url)
            ? new UntilNodePortAnswers(new Uri(url), endpoint.ToString())
            : throw new PlatformException($"NodePort {endpoint.NodePort} ({endpoint}) is not published by the kept k3s container; replace the lab with --replace to publish it.");
    }

    /// <summary>The last lines of a failed Job's pod, so the resource's log says why.</summary>
    private async Task AppendJobLogsAsync(LabResources store, string resource, UntilJobComplete job, CancellationToken cancellationToken)
    {
        try
        {
            var pods = await _client!.CoreV1.ListNamespacedPodAsync(job.Namespace, labelSelector: $"job-name={job.Name}", cancellationToken: cancellationToken).ConfigureAwait(false);
            if (pods.Items.OrderBy(p => p.Metadata.CreationTimestamp).LastOrDefault() is not { } pod)
            {
                return;
            }

            using var stream = await _client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, job.Namespace, tailLines: 30, cancellationToken: cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                store.AppendLog(resource, $"[{pod.Metadata.Name}] {line}");
            }
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            store.AppendLog(resource, $"(could not read the logs of {job}: {e.Message})");
        }
    }

    private void Fail(LabResources store, ConcurrentDictionary<string, string> failures, string resource, string message)
    {
        failures[resource] = message;
        store.Set(resource, ResourceState.Failed, message);
        Log(store, resource, "failed: " + message);
    }

    private void Log(LabResources store, string resource, string line)
    {
        store.AppendLog(resource, line);
        Report($"{resource}: {line}");
    }

    private void Report(string line) => _options.Progress(line);
}
