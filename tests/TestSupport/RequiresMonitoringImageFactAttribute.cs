using Platform.Lab.Machines;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// A fact on the lab's Prometheus and Alertmanager: machines as for <see cref="RequiresMachinesFactAttribute"/>, and
/// the monitoring machine's image (<see cref="MachineImage.Monitoring"/>). It skips naming what is missing; with
/// PLATFORM_TEST_STRICT=1 it runs anyway, so a CI without them fails loudly.
/// </summary>
public sealed class RequiresMonitoringImageFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public RequiresMonitoringImageFactAttribute()
    {
        if (RequiredTools.Strict)
        {
            return;
        }

        if (MachineTestEnvironment.Missing is { } missing)
        {
            Skip = missing;
        }
        else if (!MachineImage.ExistsAsync(MachineTestEnvironment.Engine, MachineImage.Monitoring).GetAwaiter().GetResult())
        {
            Skip = $"The monitoring machine's image {MachineImage.Monitoring} is missing from {MachineTestEnvironment.Engine}; build it with: sudo scripts/build-machine-image.sh";
        }
    }
}
