using Aspire.Hosting;
using Platform.Lab.Machines;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Lab;

/// <summary>Stopping the AppHost removes exactly what its lab started: containers, networks, DCP.</summary>
[Collection(ProductionLabCollection.Name)]
public sealed class LabTeardownTests
{
    [RequiresMachinesFact("ssh-keygen")]
    public async Task Dispose_RemovesTheLabsContainersAndNetworksAndDcp()
    {
        // Machines only: the teardown does not depend on what is deployed on them.
        var lab = new ProductionLab { Arguments = [ProductionLab.MachinesOnly] };;
        var engine = MachineTestEnvironment.Engine;
        // DCP processes that monitor this test process but were there before (an earlier class's, still exiting).
        var earlier = ProductionLab.DcpProcessIds();
        int running;
        try
        {
            await lab.InitializeAsync();
            running = await MachineLab.CountExistingAsync(engine, lab.Name);
            await lab.App.DisposeAsync();
        }
        finally
        {
            await lab.DisposeAsync();
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && ProductionLab.DcpProcessIds().Except(earlier).Any())
        {
            await Task.Delay(500);
        }

        Assert.Equal(11, running); // 8 machines, the backup target, the monitoring machine and the router
        Assert.Equal(0, await MachineLab.CountExistingAsync(engine, lab.Name));
        Assert.Empty(await NetworksAsync(engine, lab.Name));
        Assert.Empty(ProductionLab.DcpProcessIds().Except(earlier));
    }

    private static async Task<IList<Docker.DotNet.Models.NetworkResponse>> NetworksAsync(Uri engine, string name)
    {
        using var client = new Docker.DotNet.DockerClientBuilder().WithEndpoint(engine).Build();
        return await client.Networks.ListNetworksAsync(new Docker.DotNet.Models.NetworksListParameters { Filters = LabContainers.LabelFilter(name) });
    }
}
