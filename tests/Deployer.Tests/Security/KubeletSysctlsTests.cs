using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Phases;
using Platform.Deployer.Tests.Phases;
using Platform.Testing;

namespace Platform.Deployer.Tests.Security;

/// <summary>
/// kubelet runs with protectKernelDefaults, so the Kubernetes packages phase places the kernel settings it checks and
/// applies them before kubelet starts. Only Kubernetes nodes get them, and only that phase (the machines lab skips it:
/// its privileged containers would change the build host's kernel).
/// </summary>
public sealed class KubeletSysctlsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task KubernetesPackages_PlacesTheKubeletSysctls_AndAppliesThemBeforeKubeletStarts()
    {
        var (context, connections) = RecordedContext.Create(_dir);
        var worker = context.Hosts.Workers.First();

        await new KubernetesPackagesPhase().RunAsync(new HostStep(context, new KubernetesPackagesPhase(), worker), CancellationToken.None);

        var ssh = connections[worker.Name];
        Assert.Contains(ssh.Writes.SelectMany(w => w), f => f.Path == KubernetesPaths.KubeletSysctls);
        var apply = ssh.Commands.FindIndex(c => c == $"sysctl -q -p {KubernetesPaths.KubeletSysctls}");
        var kubelet = ssh.Commands.FindLastIndex(c => c.Contains("kubelet", StringComparison.Ordinal) && c.Contains("systemctl", StringComparison.Ordinal));
        Assert.True(apply >= 0 && apply < kubelet, string.Join("\n", ssh.Commands));
        Assert.DoesNotContain(new KubernetesPackagesPhase().SelectHosts(context), h => h.Machine.Role == NodeRole.LoadBalancer);
    }
}
