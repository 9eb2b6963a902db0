namespace Platform.Testing;

/// <summary>
/// Finds the real tools tests run against. When PLATFORM_TEST_STRICT=1 (set by scripts/test.sh after it
/// installed them) a missing tool fails the test instead of skipping it, so CI cannot pass by skipping.
/// </summary>
public static class RequiredTools
{
    /// <summary>True when missing tools must fail tests rather than skip them.</summary>
    public static bool Strict => Environment.GetEnvironmentVariable("PLATFORM_TEST_STRICT") == "1";

    /// <summary>The full path of an executable on PATH (or /usr/sbin, /sbin), or null.</summary>
    public static string? Find(string tool)
    {
        if (Path.IsPathRooted(tool))
        {
            return File.Exists(tool) ? tool : null;
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/local/sbin"]);
        return path.Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
    }

    /// <summary>The skip reason for missing tools, or null when all are present (or when strict mode turns skips into failures).</summary>
    public static string? SkipReason(IEnumerable<string> tools)
    {
        var missing = tools.Where(t => Find(t) is null).ToList();
        if (missing.Count == 0 || Strict)
        {
            return null;
        }

        return $"Needs {string.Join(", ", missing)} on PATH; install with scripts/install-test-deps.sh.";
    }

    /// <summary>The full path of a tool, or a clear failure naming it.</summary>
    public static string Require(string tool)
        => Find(tool) ?? throw new InvalidOperationException($"'{tool}' is not installed. Run scripts/install-test-deps.sh (PLATFORM_TEST_STRICT=1 makes this a failure instead of a skip).");
}
