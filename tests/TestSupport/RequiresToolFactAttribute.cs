using Xunit;

namespace Platform.Testing;

/// <summary>A fact that runs against real tools (haproxy, promtool, ...) and skips naming any that are missing.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute for the tools the test runs.</summary>
    public RequiresToolFactAttribute(params string[] tools)
    {
        Tools = tools;
        if (RequiredTools.SkipReason(tools) is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>The tools the test runs.</summary>
    public IReadOnlyList<string> Tools { get; }
}
