using Platform.Lab.Machines;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// A fact on the machines lab that also needs service images no local script can build (Grafana, Elastic, Fluent Bit).
/// It skips naming the images the engine lacks, even with PLATFORM_TEST_STRICT=1 (nothing here can make them appear
/// without a registry), and, like <see cref="RequiresMachinesFactAttribute"/>, what machines need.
/// </summary>
public sealed class RequiresImagesFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute for <paramref name="images"/>.</summary>
    public RequiresImagesFactAttribute(params string[] images)
    {
        if (MachineTestEnvironment.Missing is { } missing)
        {
            Skip = missing;
            return;
        }

        var absent = images.Where(i => !MachineImage.ExistsAsync(MachineTestEnvironment.Engine, i).GetAwaiter().GetResult()).ToList();
        if (absent.Count > 0)
        {
            Skip = $"Needs the image(s) {string.Join(", ", absent)} on the container engine {MachineTestEnvironment.Engine}; they are not there, and this machine reaches no registry to pull them (load them with podman load).";
        }
    }
}
