using Aspire.Hosting;
using Docker.DotNet;
using Docker.DotNet.Models;
using k8s;
using k8s.KubeConfigModels;
using k8s.Models;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;
using Platform.Lab.Resources;
using Platform.Lab.Substrates;
using Platform.Testing;

namespace Platform.Lab.Tests.Substrates;

public sealed class FastSubstrateTests
{
    [Fact]
    public void PointAt_K3sKubeconfig_PointsEveryClusterAtThePublishedPortAndKeepsTheCredentials()
    {
        const string k3sYaml = """
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: Q0EtREFUQQ==
                server: https://127.0.0.1:6443
              name: default
            contexts:
            - context:
                cluster: default
                user: default
              name: default
            current-context: default
            kind: Config
            preferences: {}
            users:
            - name: default
              user:
                client-certificate-data: Q0VSVA==
                client-key-data: S0VZ
            """;

        var written = KubernetesYaml.Serialize(Platform.Deployer.Operations.Kubeconfigs.PointAt(k3sYaml, new Uri("https://127.0.0.1:41234")));
        var read = KubernetesYaml.Deserialize<K8SConfiguration>(written);

        Assert.Equal("https://127.0.0.1:41234", read.Clusters.Single().ClusterEndpoint.Server);
        Assert.Equal("Q0EtREFUQQ==", read.Clusters.Single().ClusterEndpoint.CertificateAuthorityData);
        Assert.Equal("default", read.CurrentContext);
        Assert.Equal("Q0VSVA==", read.Users.Single().UserCredentials.ClientCertificateData);
        Assert.Equal("S0VZ", read.Users.Single().UserCredentials.ClientKeyData);
    }

    [Fact]
    public void CreatePlan_TakesTheGrafanaPasswordFromTheStateFoldersSecretStore()
    {
        using var state = new TempFolder("fast-lab");
        var options = Options(TestModels.Production().BuildModel(), "plan", new Uri("unix:///nonexistent/engine.sock"), state.Path);

        var first = GrafanaPassword(FastSubstrate.CreatePlan(options));
        var second = GrafanaPassword(FastSubstrate.CreatePlan(options));
        var file = state.Combine("secrets", "grafana-admin-password");

        Assert.Equal(File.ReadAllText(file).Trim(), first);
        Assert.Equal(first, second);
        Assert.True(first.Length >= 20, "a generated password, not a reference");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [RequiresMachinesFact]
    public async Task StartAsync_ImageMissingAndNotPullable_ThrowsNamingImageAndEngineAndStartsNothing()
    {
        using var state = new TempFolder("fast-lab");
        var engine = MachineTestEnvironment.Engine;
        var name = $"fast-{Guid.NewGuid():N}"[..17];
        // A local registry name: the pull attempt fails at once and sends nothing off this machine.
        var image = $"localhost/platform-test/k3s-absent:{Guid.NewGuid():N}";
        var progress = new List<string>();
        await using var recorded = new RecordedLab(TestModels.Production());
        var model = recorded.Model;
        var options = Options(model, name, engine, state.Path) with { Progress = progress.Add };

        K3sImageUnavailableException error;
        string? containerId;
        await using (var lab = new FastSubstrate(options, image, pullTimeout: TimeSpan.FromSeconds(20)))
        {
            error = await Assert.ThrowsAsync<K3sImageUnavailableException>(() => lab.StartAsync(recorded.Resources, CancellationToken.None));
            containerId = lab.ContainerId;
        }

        using var docker = new DockerClientBuilder().WithEndpoint(engine).Build();
        var left = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{MachineLabLabels.Lab}={name}"] = true } },
        });

        Assert.Contains(image, error.Message, StringComparison.Ordinal);
        Assert.Contains(engine.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains($"podman pull {image}", error.Message, StringComparison.Ordinal);
        Assert.Contains("podman load -i k3s.tar", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.PullError));
        Assert.Contains(progress, p => p.Contains("trying to pull", StringComparison.Ordinal));
        Assert.Null(containerId);
        Assert.Empty(left);
        Assert.Null(recorded.State(model.Cluster.Name)); // never started
        Assert.Equal(LabResources.NotInLabState, recorded.State(model.Single<EtcdClusterResource>().Name));
        Assert.Equal(KnownResourceStates.FailedToStart, recorded.State("test-lab"));
        Assert.Contains(recorded.Logs("test-lab"), l => l.Contains(image, StringComparison.Ordinal));
    }

    [RequiresK3sImageFact]
    public async Task StartAsync_WithTheK3sImage_AppliesTheAddOnsPublishesNodePortsAndDisposeRemovesTheContainer()
    {
        using var state = new TempFolder("fast-lab");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(40));
        var engine = RequiresK3sImageFactAttribute.Engine;
        var name = $"fast-{Guid.NewGuid():N}"[..17];
        await using var recorded = new RecordedLab(SmallModel());
        var model = recorded.Model;

        string containerId;
        await using (var lab = new FastSubstrate(Options(model, name, engine, state.Path)))
        {
            await lab.StartAsync(recorded.Resources, timeout.Token);
            containerId = lab.ContainerId!;
            var grafana = model.Single<GrafanaResource>().Name;
            var ingress = model.Single<TraefikResource>().Name;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var health = await http.GetAsync($"{recorded.Urls(grafana).Single()}/api/health", timeout.Token);
            using var noIngress = await http.GetAsync(recorded.Urls(ingress).First(u => u.StartsWith("http:", StringComparison.Ordinal)), timeout.Token);
            using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(lab.KubeconfigPath));
            var storageClass = await client.StorageV1.ReadStorageClassAsync("standard", cancellationToken: timeout.Token);

            Assert.Equal(KnownResourceStates.Running, recorded.State(grafana));
            Assert.StartsWith("http://127.0.0.1:", recorded.Urls(grafana).Single(), StringComparison.Ordinal);
            Assert.True(health.IsSuccessStatusCode, $"Grafana answered {(int)health.StatusCode}");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, noIngress.StatusCode);
            Assert.Equal(FastLabOverrides.LocalPathProvisioner, storageClass.Provisioner);
            Assert.Equal(LabResources.NotInLabState, recorded.State(model.Single<EtcdClusterResource>().Name));
        }

        using var docker = new DockerClientBuilder().WithEndpoint(engine).Build();
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => docker.Containers.InspectContainerAsync(containerId));
    }

    /// <summary>Small enough for one k3s node on a laptop: ingress, storage, RBAC, Prometheus and Grafana.</summary>
    private static IDistributedApplicationBuilder SmallModel() => TestModels.Small(cluster =>
    {
        cluster.AddTraefik();
        cluster.AddRbac().WithAccessGroup("platform-admins", AccessLevel.PlatformAdmin);
        cluster.AddPrometheus().AddGrafana();
    });

    private static LabOptions Options(PlatformModel model, string name, Uri engine, string stateDirectory)
        => new() { Model = model, Name = name, Engine = engine, StateDirectory = stateDirectory };

    private static string GrafanaPassword(FastLabPlan plan)
        => plan.Steps.SelectMany(s => s.Objects).OfType<V1Secret>().Single().StringData["admin-password"];
}
