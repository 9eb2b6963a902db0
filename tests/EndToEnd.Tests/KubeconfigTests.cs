using System.Net;
using k8s;
using k8s.KubeConfigModels;
using Platform.Deployer.Operations;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// <c>aspire do kubeconfig</c>'s operation against real machines: admin.conf is read from the first control plane
/// over SSH and saved 0600, pointed at the VIP. (kubeadm cannot run here: the test places an admin.conf as kubeadm
/// would write it; no Kubernetes API is involved.)
/// </summary>
public sealed class KubeconfigTests : IAsyncLifetime
{
    private const string Prefix = "10.74";
    private MachineLabFixture _lab = null!;

    public async Task InitializeAsync() => _lab = await MachineLabFixture.StartAsync(Model().BuildModel());

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Save_AdminConfOnTheFirstControlPlane_WrittenLocally0600AndPointedAtTheVip()
    {
        var input = Input();
        var refused = await Assert.ThrowsAsync<Aspire.Hosting.ApplicationModel.PlatformException>(() => AdminKubeconfig.SaveAsync(input, _lab.Directory.Combine("none.kubeconfig"), CancellationToken.None));
        Assert.Equal("cp-1 has no /etc/kubernetes/admin.conf: kubeadm init has not run there. Run aspire deploy (its init phase) first.", refused.Message);
        Assert.False(File.Exists(_lab.Directory.Combine("none.kubeconfig")));

        const string secret = "c2VjcmV0LWNsaWVudC1rZXk="; // stands for kubeadm's client key
        var adminConf = KubernetesYaml.Serialize(new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            Clusters = [new Cluster { Name = "lab", ClusterEndpoint = new ClusterEndpoint { Server = $"https://{Prefix}.1.11:6443", CertificateAuthorityData = "Y2E=" } }],
            Users = [new User { Name = "kubernetes-admin", UserCredentials = new UserCredentials { ClientCertificateData = "Y2VydA==", ClientKeyData = secret } }],
            Contexts = [new Context { Name = "kubernetes-admin@lab", ContextDetails = new ContextDetails { Cluster = "lab", User = "kubernetes-admin" } }],
            CurrentContext = "kubernetes-admin@lab",
        });
        var place = await _lab.Lab.ExecAsync("cp-1", ["sh", "-c", $"mkdir -p /etc/kubernetes && printf '%s' '{adminConf}' > /etc/kubernetes/admin.conf && chmod 600 /etc/kubernetes/admin.conf"]);
        Assert.Equal(0, place.ExitCode);
        var file = _lab.Directory.Combine("admin.kubeconfig");

        var server = await AdminKubeconfig.SaveAsync(input, file, CancellationToken.None);

        Assert.Equal(new Uri($"https://{Prefix}.3.5:6443"), server);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var saved = KubernetesYaml.Deserialize<K8SConfiguration>(File.ReadAllText(file));
        Assert.Equal($"https://{Prefix}.3.5:6443", Assert.Single(saved.Clusters).ClusterEndpoint.Server);
        Assert.Equal(secret, Assert.Single(saved.Users).UserCredentials.ClientKeyData);
        Assert.Equal(IPAddress.Parse($"{Prefix}.3.5"), IPAddress.Parse(new Uri(saved.Clusters.Single().ClusterEndpoint.Server).Host));
    }

    private Platform.Deployer.Steps.DeploymentInput Input()
        => DeployRuns.Input(Model().Resources, _lab.WriteInventory(), _lab.Directory.Combine("state"), _lab.Directory.Combine("known_hosts"));

    private static Aspire.Hosting.IDistributedApplicationBuilder Model() => DeployerTestModels.Lab(controlPlanes: 1, workers: 1, loadBalancers: 2, prefix: Prefix);
}
