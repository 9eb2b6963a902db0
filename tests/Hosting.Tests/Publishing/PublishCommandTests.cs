using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Cli;
using Platform.Hosting.Publishing;
using Platform.Testing;
using Spectre.Console;

namespace Platform.Hosting.Tests.Publishing;

public class PublishCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly StringWriter _output = new();
    private readonly IAnsiConsole _console;

    public PublishCommandTests()
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        _console.Profile.Width = 1000;
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Publish_ValidModel_WritesEveryIndexedArtifact()
    {
        var output = new DirectoryInfo(_dir.Combine("out"));

        var code = PublishCommand.Run(TestModels.Production(), output, _console);

        Assert.Equal(ExitCodes.Success, code);
        var index = ArtifactIndex.Parse(File.ReadAllText(Path.Combine(output.FullName, "index.json")));
        Assert.Equal(("prod", "1.30.3"), (index.Platform, index.KubernetesVersion));
        Assert.All(index.Artifacts, a => Assert.True(File.Exists(Path.Combine(output.FullName, a.Path)), a.Path));
        Assert.Equal(index.Artifacts.Count + 1, Directory.EnumerateFiles(output.FullName, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public void Publish_BrokenModel_ExitsNonZeroListingEveryErrorAndWritesNothing()
    {
        var builder = TestModels.Production(b =>
        {
            b.CreateResourceBuilder(b.Resources.OfType<NodePoolResource>().First(p => p.Role == NodeRole.ControlPlane)).WithCount(2);
            b.CreateResourceBuilder(b.Resources.OfType<KubernetesClusterResource>().Single()).WithKubernetesVersion("1.31.0");
        });
        var output = _dir.Combine("out");

        var code = PublishCommand.Run(builder, new DirectoryInfo(output), _console);

        Assert.Equal(ExitCodes.InvalidInput, code);
        var text = _output.ToString();
        Assert.Contains("The platform model has 2 errors; nothing was done.", text, StringComparison.Ordinal);
        Assert.Contains("NodePool 'cp': 2 control planes", text, StringComparison.Ordinal);
        Assert.Contains("KubernetesCluster 'prod': Kubernetes 1.31.0 is not supported.", text, StringComparison.Ordinal);
        Assert.Contains("  1. ", text, StringComparison.Ordinal);
        Assert.Contains("  2. ", text, StringComparison.Ordinal);
        Assert.Contains("Fix:", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Publish_OutputUnderAFile_FailsNamingTheFolderAndLeavesNoStaging()
    {
        File.WriteAllText(_dir.Combine("a-file"), "x");
        var output = _dir.Combine("a-file", "out");

        var code = PublishCommand.Run(TestModels.Production(), new DirectoryInfo(output), _console);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains($"Cannot write to '{output}'", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal([_dir.Combine("a-file")], Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Publish_NonEmptyFolderThatIsNoPublish_IsRefusedAndUntouched()
    {
        var output = _dir.Combine("home");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        var code = PublishCommand.Run(TestModels.Production(), new DirectoryInfo(output), _console);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void Publish_OverAnEarlierPublish_ReplacesItWhole()
    {
        var output = new DirectoryInfo(_dir.Combine("out"));
        PublishCommand.Run(TestModels.Production(), output, _console);
        File.WriteAllText(Path.Combine(output.FullName, "stale.txt"), "from an older model");

        var code = PublishCommand.Run(TestModels.Production(), output, _console);

        Assert.Equal(ExitCodes.Success, code);
        Assert.False(File.Exists(Path.Combine(output.FullName, "stale.txt")));
        Assert.True(File.Exists(Path.Combine(output.FullName, "index.json")));
        Assert.Single(Directory.EnumerateFileSystemEntries(_dir.Path));
    }
}
