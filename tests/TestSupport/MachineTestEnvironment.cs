using Platform.Lab.Machines;

namespace Platform.Testing;

/// <summary>Whether containers that behave like VMs can start here, and if not, exactly what is missing.</summary>
public static class MachineTestEnvironment
{
    private static readonly Lazy<(Uri? Engine, string? Missing)> State = new(Probe);

    /// <summary>The engine, when one answers and has both machine images.</summary>
    public static Uri Engine => State.Value.Engine ?? throw new InvalidOperationException(State.Value.Missing);

    /// <summary>What is missing (engine or an image), or null.</summary>
    public static string? Missing => State.Value.Missing;

    private static (Uri?, string?) Probe()
    {
        try
        {
            var engine = ContainerEngine.DiscoverAsync().GetAwaiter().GetResult();
            var missing = MachineImage.All.Where(image => !MachineImage.ExistsAsync(engine, image).GetAwaiter().GetResult()).ToList();
            return missing.Count == 0
                ? (engine, null)
                : (null, $"The machine image(s) {string.Join(", ", missing)} are missing from {engine}; build them with: sudo scripts/build-machine-image.sh");
        }
        catch (ContainerEngineNotFoundException e)
        {
            return (null, e.Message);
        }
    }
}
