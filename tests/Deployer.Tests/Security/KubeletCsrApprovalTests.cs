using Aspire.Hosting.ApplicationModel;
using k8s;
using k8s.Models;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Platform.Deployer.Tests.Phases;
using Platform.Deployer.Tests.Pki;
using Platform.Testing;

namespace Platform.Deployer.Tests.Security;

/// <summary>
/// The add-ons phase reads the CSRs as JSON (what <c>kubectl get csr -o json</c> prints) into KubernetesClient's
/// models and approves only the kubelet serving requests of the model's nodes for their own name and address.
/// (No API server runs here: the list is the JSON KubernetesClient writes, the approval the command planned.)
/// </summary>
public sealed class KubeletCsrApprovalTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AddOns_PendingServingCsrs_ApprovesOnlyTheNodesOwn_WarnsAboutTheOthers()
    {
        var (context, connections) = RecordedContext.Create(_dir);
        var cp1 = context.Hosts.FirstControlPlane;
        var worker1 = context.Hosts.Workers.First().Machine;
        var worker2 = context.Hosts.Workers.Skip(1).First().Machine;
        cp1.Facts.ExistingPaths[HostMarkers.AdminKubeconfig] = true;
        var own = KubeletServingCsrPolicyTests.Csr(worker1.Name, [worker1.Name], [worker1.Address.ToString()]);
        var cp1Own = KubeletServingCsrPolicyTests.Csr(cp1.Name, [cp1.Name], [cp1.Machine.Address.ToString()]);
        var stolen = KubeletServingCsrPolicyTests.Csr(worker2.Name, [worker2.Name, "api.example"], [worker2.Address.ToString(), cp1.Machine.Address.ToString()]);
        var list = new V1CertificateSigningRequestList { Items = [own, stolen, cp1Own] };
        connections[cp1.Name].Answer = c => c.EndsWith("get csr -o json", StringComparison.Ordinal) ? KubernetesJson.Serialize(list) : null;
        var step = new HostStep(context, new AddOnsPhase(), cp1);

        await new AddOnsPhase().RunAsync(step, CancellationToken.None);

        var approve = Assert.Single(connections[cp1.Name].Commands, c => c.Contains("certificate approve", StringComparison.Ordinal));
        Assert.EndsWith("certificate approve 'csr-worker-1' 'csr-cp-1'", approve, StringComparison.Ordinal);
        var warning = Assert.Single(step.Warnings);
        Assert.Contains($"csr-{worker2.Name} (system:node:{worker2.Name}): not approved: DNS name api.example, IP {cp1.Machine.Address}", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOns_NoAdminKubeconfig_ReadsNoCsr()
    {
        var (context, connections) = RecordedContext.Create(_dir);

        await new AddOnsPhase().RunAsync(new HostStep(context, new AddOnsPhase(), context.Hosts.FirstControlPlane), CancellationToken.None);

        Assert.DoesNotContain(connections.Values.SelectMany(c => c.Commands), c => c.Contains("csr", StringComparison.Ordinal));
    }
}
