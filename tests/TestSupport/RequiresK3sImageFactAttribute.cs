using Platform.Lab.Machines;
using Platform.Lab.Substrates;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// A fact that runs the fast lab for real. It needs a container engine that has the k3s image (and, for the
/// add-ons' charts and images, registry access: whoever loads the image provides that too). It skips naming
/// what is missing, computed once at discovery by asking the engine. Unlike the machine facts it skips even
/// with PLATFORM_TEST_STRICT=1: no script can make the image appear on a machine without a registry. No
/// lookup leaves this machine (the test network rule): only the local engine is asked.
/// </summary>
public sealed class RequiresK3sImageFactAttribute : FactAttribute
{
    private static readonly Lazy<(Uri? Engine, string? Missing)> State = new(Probe);

    /// <summary>Creates the attribute.</summary>
    public RequiresK3sImageFactAttribute()
    {
        if (Missing is { } missing)
        {
            Skip = missing;
        }
    }

    /// <summary>The engine with the k3s image.</summary>
    public static Uri Engine => State.Value.Engine ?? throw new InvalidOperationException(State.Value.Missing);

    /// <summary>What is missing (engine or image), or null.</summary>
    public static string? Missing => State.Value.Missing;

    private static (Uri?, string?) Probe()
    {
        Uri engine;
        try
        {
            engine = ContainerEngine.DiscoverAsync().GetAwaiter().GetResult();
        }
        catch (ContainerEngineNotFoundException e)
        {
            return (null, $"The fast substrate needs a container engine with the image {K3sImages.Default}, and none is reachable. {e.Message}");
        }

        return MachineImage.ExistsAsync(engine, K3sImages.Default).GetAwaiter().GetResult()
            ? (engine, null)
            : (null, $"The fast substrate needs the image {K3sImages.Default} on the container engine {engine}; it is not there, and this machine reaches no registry to pull it.");
    }
}
