using Platform.Deployer.State;
using Platform.Testing;

namespace Platform.Deployer.Tests.State;

public class StateFolderTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Theory]
    [InlineData(UnixFileMode.GroupRead | UnixFileMode.GroupExecute, "0750")]
    [InlineData(UnixFileMode.OtherRead | UnixFileMode.OtherExecute, "0705")]
    [InlineData(UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, "0755")]
    [InlineData(UnixFileMode.OtherExecute, "0701")]
    public void Open_FolderOthersCanReach_IsRefusedNamingTheFolderTheModeAndTheFix(UnixFileMode extra, string mode)
    {
        using var dir = new TempFolder();
        var path = dir.Combine("state");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, Private | extra);

        var e = Assert.Throws<UnsafeStateFolderException>(() => new StateFolder(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains($"mode {mode}", e.Message, StringComparison.Ordinal);
        Assert.Contains("CA keys", e.Message, StringComparison.Ordinal);
        Assert.Contains("chmod -R go-rwx", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(path));
    }

    [Fact]
    public void Open_NewFolder_IsCreatedPrivate_AndOpensAgain()
    {
        using var dir = new TempFolder();
        var path = dir.Combine("a", "state");

        var state = new StateFolder(path);
        _ = new SecretStore(state).BootstrapToken;

        Assert.Equal(Private, File.GetUnixFileMode(path));
        Assert.Equal(path, new StateFolder(path).Path);
    }
}
