using System.Text.RegularExpressions;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests;

/// <summary>Runs the real Aspire CLI (<c>aspire</c>, installed by scripts/install-aspire-cli.sh) from the repository root.</summary>
public sealed partial class AspireCli(ITestOutputHelper output)
{
    /// <summary>How long one CLI run may take (it builds the AppHost unless told --no-build).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    /// <summary>Runs <c>aspire</c> with <paramref name="arguments"/>; the output has no colour codes and goes to the test log.</summary>
    public async Task<ProcessRunner.Result> RunAsync(params string[] arguments)
    {
        var aspire = RequiredTools.Find("aspire") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "aspire");
        var result = await ProcessRunner.RunAsync(aspire, arguments, Timeout, RepositoryPaths.Root);
        result = result with { Output = Ansi().Replace(result.Output, "") };
        output.WriteLine($"$ aspire {string.Join(' ', arguments)}\n{result.Output}\nexit {result.ExitCode}\n");
        return result;
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x1b\x07]*(\x07|\x1b\\)")]
    private static partial Regex Ansi();
}
