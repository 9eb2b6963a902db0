using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// <c>aspire deploy</c> through the real Aspire CLI onto machines of the production model (AppHost/Program.cs, read
/// through Aspire.Hosting.Testing, not copied): it converges, deploys again with no changes, <c>aspire do plan</c>
/// shows none, and a malformed inventory fails before any host is touched. Run under the 10.20 lock.
/// </summary>
[Collection(Lab.ProductionLabCollection.Name)]
public sealed class AspireDeployTests(ITestOutputHelper output)
{
    [RequiresMachinesFact("ssh-keygen", "aspire")]
    public async Task AspireDeploy_ProductionModel_Converges_ThenDeploysNoChanges_PlanShowsNone_AndBadInventoryTouchesNothing()
    {
        PlatformModel model;
        await using (var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([], CancellationToken.None))
        {
            model = PlatformModel.Build(appHost.Resources);
        }

        await using var lab = await MachineLabFixture.StartAsync(model);
        var inventory = lab.WriteInventory();
        var state = lab.Directory.Combine("state");
        var knownHosts = lab.Directory.Combine("known_hosts");
        string[] Options(string inventoryPath, string statePath, string knownHostsPath) =>
        [
            "--", $"--Parameters:inventory={inventoryPath}", $"--Deploy:State={statePath}", $"--Deploy:KnownHosts={knownHostsPath}",
            "--Deploy:AcceptNewHostKeys=true", "--Deploy:EtcdSource=distro", $"--Deploy:Skip={DeployOnMachinesTests.KubernetesPhases}",
        ];

        // 1. The first deploy converges the hosts.
        var first = await AspireAsync(["deploy", "--non-interactive", "--clear-cache", .. Options(inventory, state, knownHosts)]);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Pipeline succeeded", first.Output, StringComparison.Ordinal);
        Assert.Matches(@"\(etcd\) .*cp-2: write /etc/etcd/etcd.env \(new\)", first.Output);
        Assert.Matches(@"\(load-balancer\) .*lb-1: \d+ changes", first.Output);
        Assert.Matches(@"Changes: \d+ changes applied on 8 hosts", first.Output);
        Assert.True(File.Exists(Path.Combine(state, "journal.json")));

        // 2. The second deploy changes nothing.
        var second = await AspireAsync(["deploy", "--non-interactive", "--clear-cache", "--no-build", .. Options(inventory, state, knownHosts)]);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("No changes. The hosts already matched the model.", second.Output, StringComparison.Ordinal);
        Assert.Matches(@"\(etcd\) .*cp-1: no changes", second.Output);

        // 3. aspire do plan: nothing to change, and plan.json says so.
        var planFolder = lab.Directory.Combine("plan-out");
        // 'aspire do' has no --clear-cache: the AppHost's own option keeps the temporary inventory path out of ~/.aspire.
        var plan = await AspireAsync(["do", "plan", "--non-interactive", "--no-build", "-o", planFolder, .. Options(inventory, state, knownHosts), "--Pipeline:ClearCache=true"]);
        Assert.True(plan.ExitCode == 0, plan.Output);
        Assert.Contains("No changes. The hosts match the model.", plan.Output, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(planFolder, "plan.json"))))
        {
            Assert.Equal(0, json.RootElement.GetProperty("totalChanges").GetInt32());
            Assert.Equal(8, json.RootElement.GetProperty("hosts").GetArrayLength());
        }

        // 4. A malformed inventory: the step fails naming the field, and no host is reached (known_hosts is never written).
        var bad = lab.Directory.Combine("bad-inventory.yaml");
        File.WriteAllText(bad, File.ReadAllText(inventory).Replace("address:", "adress:", StringComparison.Ordinal));
        var freshState = lab.Directory.Combine("fresh-state");
        var freshKnownHosts = lab.Directory.Combine("fresh_known_hosts");
        var refused = await AspireAsync(["deploy", "--non-interactive", "--clear-cache", "--no-build", .. Options(bad, freshState, freshKnownHosts)]);
        Assert.Equal(6, refused.ExitCode);
        Assert.Contains("'adress'", refused.Output, StringComparison.Ordinal);
        Assert.Contains("Pipeline failed", refused.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(freshState));
        Assert.False(File.Exists(freshKnownHosts));
    }

    private Task<ProcessRunner.Result> AspireAsync(string[] arguments) => new AspireCli(output).RunAsync(arguments);
}
