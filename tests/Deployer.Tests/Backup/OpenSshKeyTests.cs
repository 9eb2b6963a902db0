using Platform.Deployer.Backup;
using Platform.Testing;

namespace Platform.Deployer.Tests.Backup;

public sealed class OpenSshKeyTests
{
    [RequiresToolFact("ssh-keygen")]
    public async Task Generate_OpenSshReadsThePrivateKey_AndDerivesTheSamePublicKey()
    {
        using var dir = new TempFolder("platform-sshkey");
        var key = OpenSshKey.Generate("test-comment");
        var path = dir.Combine("key");
        File.WriteAllText(path, key.PrivateKeyPem);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var derived = await ProcessRunner.RunAsync("ssh-keygen", ["-y", "-f", path]);

        Assert.True(derived.ExitCode == 0, derived.Output);
        Assert.Equal(key.PublicKey[..key.PublicKey.LastIndexOf(' ')], derived.Output.Trim().Split(' ')[..2] is var parts ? string.Join(' ', parts) : "");
        Assert.Equal(key.PublicKey, OpenSshKey.Load(key.PrivateKeyPem, "test-comment").PublicKey);
    }
}
