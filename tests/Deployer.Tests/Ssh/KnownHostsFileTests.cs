using System.Security.Cryptography;
using System.Text;
using Platform.Deployer.Ssh;
using Platform.Testing;

namespace Platform.Deployer.Tests.Ssh;

public class KnownHostsFileTests
{
    private static readonly byte[] KeyA = RandomNumberGenerator.GetBytes(51);
    private static readonly byte[] KeyB = RandomNumberGenerator.GetBytes(51);

    [Fact]
    public void Verify_EmptyFile_IsUnknown()
    {
        using var dir = new TempFolder();
        var file = new KnownHostsFile(dir.Combine("known_hosts"));

        Assert.Equal(HostKeyStatus.Unknown, file.Verify("[127.0.0.1]:2222", "ssh-ed25519", KeyA).Status);
    }

    [Fact]
    public void Pin_ThenVerify_SameKeyIsKnownAndOtherKeyIsChanged()
    {
        using var dir = new TempFolder();
        var file = new KnownHostsFile(dir.Combine("sub", "known_hosts"));

        file.Pin("[127.0.0.1]:2222", "ssh-ed25519", KeyA);

        Assert.Equal(HostKeyStatus.Known, file.Verify("[127.0.0.1]:2222", "ssh-ed25519", KeyA).Status);
        var changed = file.Verify("[127.0.0.1]:2222", "ssh-ed25519", KeyB);
        Assert.Equal(HostKeyStatus.Changed, changed.Status);
        Assert.Equal(1, changed.Line);
        Assert.Equal(KnownHostsFile.Fingerprint(KeyA), changed.PinnedFingerprint);
        Assert.Equal(HostKeyStatus.Unknown, file.Verify("[127.0.0.1]:2223", "ssh-ed25519", KeyA).Status);
    }

    [Fact]
    public void Verify_HashedEntryWrittenLikeOpenSsh_IsMatched()
    {
        using var dir = new TempFolder();
        var salt = RandomNumberGenerator.GetBytes(20);
        var hash = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes("10.0.0.5"));
        File.WriteAllText(dir.Combine("known_hosts"), $"# comment\n|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)} ssh-ed25519 {Convert.ToBase64String(KeyA)}\n");
        var file = new KnownHostsFile(dir.Combine("known_hosts"));

        Assert.Equal(HostKeyStatus.Known, file.Verify("10.0.0.5", "ssh-ed25519", KeyA).Status);
        Assert.Equal(HostKeyStatus.Unknown, file.Verify("10.0.0.6", "ssh-ed25519", KeyA).Status);
        Assert.Equal(["ssh-ed25519"], file.KeyTypesFor("10.0.0.5"));
    }

    [Fact]
    public void Verify_RevokedKey_IsRevoked()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.Combine("known_hosts"), $"@revoked host1 ssh-ed25519 {Convert.ToBase64String(KeyA)}\n");

        Assert.Equal(HostKeyStatus.Revoked, new KnownHostsFile(dir.Combine("known_hosts")).Verify("host1", "ssh-ed25519", KeyA).Status);
    }
}
