using System.Text.RegularExpressions;
using Platform.Deployer.State;
using Platform.Testing;

namespace Platform.Deployer.Tests.State;

public class SecretStoreTests
{
    [Fact]
    public void Secrets_AreGeneratedOnceInPrivateFilesAndNeverPrinted()
    {
        using var dir = new TempFolder();
        var state = new StateFolder(dir.Combine("state"));
        var store = new SecretStore(state);

        var token = store.BootstrapToken;
        var key = store.CertificateKey;

        Assert.Matches(new Regex("^[a-z0-9]{6}\\.[a-z0-9]{16}$"), token);
        Assert.Matches(new Regex("^[0-9a-f]{64}$"), key);
        Assert.Equal(token, new SecretStore(state).BootstrapToken);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(state.SecretsDirectory, "kubeadm-bootstrap-token")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state.Path));
        Assert.DoesNotContain(token, store.ToString(), StringComparison.Ordinal);
    }
}
