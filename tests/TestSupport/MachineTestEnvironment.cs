using Platform.Lab.Machines;

namespace Platform.Testing;

/// <summary>Whether containers that behave like VMs can start here, and if not, exactly what is missing.</summary>
public static class MachineTestEnvironment
{
    private static readonly Lazy<(Uri? Engine, string? Missing)> State = new(Probe);

    /// <summary>The engine, when one answers and has the machine image.</summary>
    public static Uri Engine => State.Value.Engine ?? throw new InvalidOperationException(State.Value.Missing);

    /// <summary>What is missing (engine or image), or null.</summary>
    public static string? Missing => State.Value.Missing;

    private static (Uri?, string?) Probe()
    {
        try
        {
            var engine = ContainerEngine.DiscoverAsync().GetAwaiter().GetResult();
            return MachineImage.ExistsAsync(engine).GetAwaiter().GetResult()
                ? (engine, null)
                : (null, $"The machine image {MachineImage.Default} is missing from {engine}; build it with: sudo scripts/build-machine-image.sh");
        }
        catch (ContainerEngineNotFoundException e)
        {
            return (null, e.Message);
        }
    }
}
