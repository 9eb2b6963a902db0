using Xunit;

namespace Platform.Testing;

/// <summary>
/// Golden-file checks: rendered output is compared with a file committed under the test project's
/// Snapshots folder. Run with UPDATE_SNAPSHOTS=1 to rewrite them after an intended change, then review the diff.
/// </summary>
public static class Snapshot
{
    /// <summary>Asserts <paramref name="actual"/> equals the snapshot <paramref name="name"/> of <paramref name="testProject"/>.</summary>
    public static void Match(string testProject, string name, string actual)
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", testProject, "Snapshots", name);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Snapshot {path} does not exist. Run the tests with UPDATE_SNAPSHOTS=1 to create it, then review and commit it.");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            File.WriteAllText(path + ".received", actual);
        }

        Assert.Equal(expected, actual);
    }
}
