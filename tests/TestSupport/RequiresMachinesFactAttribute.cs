using Xunit;

namespace Platform.Testing;

/// <summary>
/// A fact that starts containers behaving like VMs. It skips naming what is missing (engine endpoints
/// tried, or the image) — and with PLATFORM_TEST_STRICT=1 it runs anyway, so a CI without them fails loudly.
/// </summary>
public sealed class RequiresMachinesFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public RequiresMachinesFactAttribute(params string[] tools)
    {
        if (RequiredTools.Strict)
        {
            return;
        }

        if (MachineTestEnvironment.Missing is { } missing)
        {
            Skip = missing;
        }
        else if (RequiredTools.SkipReason(tools) is { } reason)
        {
            Skip = reason;
        }
    }
}
