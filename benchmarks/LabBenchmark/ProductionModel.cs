using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.Lab.Substrates;

namespace Platform.LabBenchmark;

/// <summary>The production model exactly as AppHost/Program.cs declares it, prepared for lab machines as the lab prepares it.</summary>
public static class ProductionModel
{
    /// <summary>Runs the AppHost's Program up to its build, through Aspire's testing builder, and takes its resources.</summary>
    public static async Task<PlatformModel> LoadAsync(EtcdSource etcdSource, CancellationToken cancellationToken)
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([], cancellationToken).ConfigureAwait(false);
        MachinesSubstrate.PrepareModel(builder, etcdSource);
        return PlatformModel.Build(builder);
    }
}
