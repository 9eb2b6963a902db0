using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.Hosting.Publishing;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The AppHost from the command line, as a user types it: <c>aspire publish</c> writes every artifact, and bad
/// input (a folder that is not ours, a lab setting) is refused with a message naming it, a non-zero exit and
/// nothing changed.
/// </summary>
public sealed class AppHostCommandLineTests(ITestOutputHelper output)
{
    [RequiresToolFact("aspire")]
    public async Task AspirePublish_WritesEveryArtifactOfAllTenLayers_AndRefusesAFolderThatIsNotAPublish()
    {
        using var dir = new TempFolder("aspire-publish");
        var cli = new AspireCli(output);

        var published = await cli.RunAsync("publish", "--non-interactive", "-o", dir.Combine("out"));

        Assert.True(published.ExitCode == 0, published.Output);
        Assert.Contains("Pipeline succeeded", published.Output, StringComparison.Ordinal);
        var index = ArtifactIndex.Parse(File.ReadAllText(dir.Combine("out", PlatformPublisher.IndexFileName)));
        Assert.Equal(Enumerable.Range(1, 10), index.Artifacts.Select(a => a.Layer).Distinct().Order());
        Assert.All(index.Artifacts, a => Assert.True(File.Exists(dir.Combine("out", a.Path)), a.Path));
        Assert.Equal(await ExpectedArtifactCountAsync(), index.Artifacts.Count);
        Assert.Contains($"Artifacts: {index.Artifacts.Count}", published.Output, StringComparison.Ordinal);

        var mine = dir.Combine("mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "notes.txt"), "not a publish");
        var refused = await cli.RunAsync("publish", "--non-interactive", "--no-build", "-o", mine);

        Assert.Equal(6, refused.ExitCode);
        Assert.Contains("publish-platform", refused.Output, StringComparison.Ordinal);
        Assert.Contains(mine, refused.Output, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(mine).Select(Path.GetFileName));
    }

    [Fact]
    public async Task RunMode_BadLabSettings_ExitsTwoNamingEveryKey_AndStartsNothing()
    {
        var result = await RunAppHostAsync("--Lab:Substrate=bogus", "--Lab:Skip=etcd,nope", "--Lab:Keep=maybe", "--Lab:Name=t-bad-settings");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The lab's settings have 3 error(s); nothing was started", result.Output, StringComparison.Ordinal);
        Assert.Contains("Lab:Substrate 'bogus': use machines", result.Output, StringComparison.Ordinal);
        Assert.Contains("Lab:Skip 'nope': no such phase", result.Output, StringComparison.Ordinal);
        Assert.Contains("Lab:Keep 'maybe': use true or false", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Starting", result.Output, StringComparison.Ordinal);
    }

    /// <summary>The AppHost's own model, rendered here, gives the count <c>aspire publish</c> must write.</summary>
    private static async Task<int> ExpectedArtifactCountAsync()
    {
        await using var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([], CancellationToken.None);
        return ArtifactRenderers.RenderAll(RenderContext.ForPublish(PlatformModel.Build(appHost.Resources))).Count;
    }

    /// <summary>The built AppHost in run mode, on ports of its own, so it cannot collide with a running one.</summary>
    private static Task<ProcessRunner.Result> RunAppHostAsync(params string[] arguments)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var appHost = Path.Combine(RepositoryPaths.Root, "AppHost", "bin", configuration, "net10.0", "Platform.AppHost.dll");
        return ProcessRunner.RunAsync("dotnet", [appHost, .. arguments], TimeSpan.FromMinutes(2), RepositoryPaths.Root, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = "http://127.0.0.1:0",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
        });
    }
}
