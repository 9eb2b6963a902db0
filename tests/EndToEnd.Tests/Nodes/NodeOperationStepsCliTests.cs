using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.Deployer.Inventory;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests.Nodes;

/// <summary>
/// The node operations as a user types them, through the real Aspire CLI with the AppHost's model: each is a step of
/// <c>aspire do</c>, and bad input is refused before any host is contacted (exit 6, the option and its fix named,
/// known_hosts never written). Their work on machines is tested through the same library in the other Nodes tests.
/// </summary>
public sealed class NodeOperationStepsCliTests(ITestOutputHelper output)
{
    [RequiresToolFact("aspire")]
    public async Task AspireDo_ResetWithoutOrWithUnknownHosts_RemoveNodeWithNothingRecorded_Exit6NothingContacted()
    {
        using var dir = new TempFolder("aspire-nodes");
        PlatformModel model;
        await using (var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([], CancellationToken.None))
        {
            model = PlatformModel.Build(appHost.Resources);
        }

        File.WriteAllText(dir.Combine("id_ed25519"), "not a key: nothing is contacted");
        File.WriteAllText(dir.Combine("inventory.yaml"), InventoryTemplate.Render(model, keyFile: "id_ed25519"));
        var cli = new AspireCli(output);
        string[] Options(params string[] more) =>
        [
            "--non-interactive", "--", $"--Parameters:inventory={dir.Combine("inventory.yaml")}", $"--Deploy:State={dir.Combine("state")}",
            $"--Deploy:KnownHosts={dir.Combine("known_hosts")}", "--Pipeline:ClearCache=true", .. more,
        ];

        var noHosts = await cli.RunAsync(["do", "reset", .. Options()]);
        var unknown = await cli.RunAsync(["do", "reset", "--no-build", .. Options("--Deploy:Hosts=cp-9", "--Deploy:Confirm=reset")]);
        var nothingRecorded = await cli.RunAsync(["do", "remove-node", "--no-build", .. Options()]);

        Assert.Equal(6, noHosts.ExitCode);
        Assert.Contains("aspire do reset needs the machines to work on: --Deploy:Hosts=<name>[,<name>...] (machines: cp-1,", noHosts.Output, StringComparison.Ordinal);
        Assert.Equal(6, unknown.ExitCode);
        Assert.Contains("Deploy:Hosts: 'cp-9' is not in the inventory", unknown.Output, StringComparison.Ordinal);
        Assert.Equal(6, nothingRecorded.ExitCode);
        Assert.Contains("aspire do remove-node finds no host recorded in the state folder", nothingRecorded.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("known_hosts")));
    }

    [RequiresToolFact("aspire", "ssh-keygen")]
    public async Task AspireDestroy_NamesEveryHostThenRunsTheReset_UnreachableHostsFailIt()
    {
        using var dir = new TempFolder("aspire-destroy");
        PlatformModel model;
        await using (var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([], CancellationToken.None))
        {
            model = PlatformModel.Build(appHost.Resources);
        }

        // Each machine's SSH is a low port of 127.0.0.1 where nothing listens: the reset's plan reaches no host.
        Assert.Equal(0, (await ProcessRunner.RunAsync(RequiredTools.Require("ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", dir.Combine("id_ed25519")])).ExitCode);
        var document = new InventoryDocument
        {
            Ssh = new InventorySshDefaults { User = "root", KeyFile = "id_ed25519" },
            Machines = [.. model.PlanTopology().Machines.Select((m, i) => new InventoryMachine { Name = m.Name, Address = m.Address.ToString(), SshHost = "127.0.0.1", Port = 1 + i, Role = m.Role.ToName(), Subnet = m.Subnet, Pool = m.Pool })],
        };
        File.WriteAllText(dir.Combine("inventory.yaml"), new YamlDotNet.Serialization.SerializerBuilder().WithNamingConvention(YamlDotNet.Serialization.NamingConventions.CamelCaseNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(YamlDotNet.Serialization.DefaultValuesHandling.OmitNull).Build().Serialize(document));

        var destroy = await new AspireCli(output).RunAsync("destroy", "--yes", "--non-interactive", "--", $"--Parameters:inventory={dir.Combine("inventory.yaml")}",
            $"--Deploy:State={dir.Combine("state")}", $"--Deploy:KnownHosts={dir.Combine("known_hosts")}");

        Assert.NotEqual(0, destroy.ExitCode);
        Assert.Contains($"destroy: {string.Join(", ", model.PlanTopology().Machines.Select(m => m.Name))}", destroy.Output, StringComparison.Ordinal);
        Assert.Contains("(destroy-hosts)", destroy.Output, StringComparison.Ordinal);
        Assert.Contains("cannot connect", destroy.Output, StringComparison.Ordinal);
    }
}
