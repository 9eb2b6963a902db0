using Xunit;

namespace Platform.Testing;

/// <summary>A theory that runs against real tools and skips naming any that are missing.</summary>
public sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute for the tools the test runs.</summary>
    public RequiresToolTheoryAttribute(params string[] tools)
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
