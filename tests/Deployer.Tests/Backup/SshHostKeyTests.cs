using Platform.Deployer.Backup;

namespace Platform.Deployer.Tests.Backup;

public sealed class SshHostKeyTests
{
    private const string Ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICQrt4VsWgBPAgVAAQvkfPiTOK4966QSCwqgjPjHk5mI";

    [Fact]
    public void Normalize_AKeyLineWithAComment_KeepsTypeAndKey()
        => Assert.Equal(Ed25519, SshHostKey.Normalize(Ed25519 + " root@backup", out _));

    [Theory]
    [InlineData("ssh-ed25519")]
    [InlineData("ssh-dss AAAAB3NzaC1kc3M=")]
    [InlineData("ssh-ed25519 AAAA$(reboot)")]
    [InlineData("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAICQrt4VsWgBPAgVAAQvkfPiTOK4966QSCwqgjPjHk5mI")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICQrt4VsWgBPAgVAAQvkfPiTOK4966QSCwqgjPjHk5mI\nevil.example ssh-ed25519 AAAA")]
    public void Normalize_AnythingElse_IsRefusedWithWhy(string value)
    {
        Assert.Null(SshHostKey.Normalize(value, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }
}
