using Aspire.Hosting.ApplicationModel;
using k8s;
using Platform.Deployer.Pki;
using Platform.Deployer.Ssh;
using Platform.Deployer.Steps;

namespace Platform.Deployer.Operations;

/// <summary>
/// <c>aspire do kubeconfig</c>: the admin kubeconfig kubeadm wrote on the first control plane, pointed at the API
/// VIP (the first control plane without load balancers) and saved locally with mode 0600. Only the file's path and
/// the server are ever printed; the credentials go nowhere else.
/// </summary>
public static class AdminKubeconfig
{
    /// <summary>The file name it is saved under.</summary>
    public const string FileName = "admin.kubeconfig";

    /// <summary>Where clients reach the API: the VIP, or the first control plane when the model has no load balancer.</summary>
    public static Uri Server(DeploymentInput input)
        => input.Model.Find<ApiLoadBalancerResource>() is { } api
            ? new Uri($"https://{api.VirtualIp.Address}:{ApiLoadBalancerResource.ApiServerPort}")
            : new Uri($"https://{input.Inventory.Topology.ControlPlanes.First().Address}:{ApiLoadBalancerResource.ApiServerPort}");

    /// <summary>Reads admin.conf from the first control plane and writes it to <paramref name="file"/> (0600), pointed at <see cref="Server"/>.</summary>
    /// <exception cref="PlatformException">The first control plane has no admin.conf yet (kubeadm init has not run), or it cannot be reached.</exception>
    public static async Task<Uri> SaveAsync(DeploymentInput input, string file, CancellationToken cancellationToken)
    {
        var first = input.Inventory.Topology.ControlPlanes.First();
        var settings = input.Settings;
        await using var ssh = await SshConnection.ConnectAsync(first.Name, input.Inventory.Endpoints[first.Name], new KnownHostsFile(settings.KnownHosts),
            settings.AcceptNewHostKeys, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
        var path = KubernetesPaths.AdminKubeconfig;
        var read = await ssh.RunAsync($"test -f {path} && cat {path}", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            throw new PlatformException($"{first.Name} has no {path}: kubeadm init has not run there. Run aspire deploy (its init phase) first.");
        }

        var server = Server(input);
        StateFiles.WriteSecret(file, KubernetesYaml.Serialize(Kubeconfigs.PointAt(read.Output, server)));
        return server;
    }
}
