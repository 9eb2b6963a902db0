using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing;

public class PlatformPublisherTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Publish_ValidModel_WritesEveryIndexedArtifact()
    {
        var output = new DirectoryInfo(_dir.Combine("out"));

        var index = PlatformPublisher.Publish(TestModels.Production().BuildModel(), output.FullName);

        Assert.Equal(index.Artifacts.Count, ArtifactIndex.Parse(File.ReadAllText(Path.Combine(output.FullName, "index.json"))).Artifacts.Count);
        index = ArtifactIndex.Parse(File.ReadAllText(Path.Combine(output.FullName, "index.json")));
        Assert.Equal(("prod", "1.30.3"), (index.Platform, index.KubernetesVersion));
        Assert.All(index.Artifacts, a => Assert.True(File.Exists(Path.Combine(output.FullName, a.Path)), a.Path));
        Assert.Equal(index.Artifacts.Count + 1, Directory.EnumerateFiles(output.FullName, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public void Publish_OutputUnderAFile_FailsNamingTheFolderAndLeavesNoStaging()
    {
        File.WriteAllText(_dir.Combine("a-file"), "x");
        var output = _dir.Combine("a-file", "out");

        var e = Assert.Throws<PublishException>(() => PlatformPublisher.Publish(TestModels.Production().BuildModel(), output));

        Assert.Contains($"Cannot write to '{output}'", e.Message, StringComparison.Ordinal);
        Assert.Equal([_dir.Combine("a-file")], Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Publish_NonEmptyFolderThatIsNoPublish_IsRefusedAndUntouched()
    {
        var output = _dir.Combine("home");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        var e = Assert.Throws<PublishException>(() => PlatformPublisher.Publish(TestModels.Production().BuildModel(), output));

        Assert.Contains(output, e.Message, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void Publish_OverAnEarlierPublish_ReplacesItWhole()
    {
        var output = new DirectoryInfo(_dir.Combine("out"));
        PlatformPublisher.Publish(TestModels.Production().BuildModel(), output.FullName);
        File.WriteAllText(Path.Combine(output.FullName, "stale.txt"), "from an older model");

        PlatformPublisher.Publish(TestModels.Production().BuildModel(), output.FullName);

        Assert.False(File.Exists(Path.Combine(output.FullName, "stale.txt")));
        Assert.True(File.Exists(Path.Combine(output.FullName, "index.json")));
        Assert.Single(Directory.EnumerateFileSystemEntries(_dir.Path));
    }
}
