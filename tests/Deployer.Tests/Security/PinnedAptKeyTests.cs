using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Phases;
using Platform.Testing;

namespace Platform.Deployer.Tests.Security;

/// <summary>
/// The Kubernetes apt key is installed only when it is the pinned one: the rendered script run for real (sh, curl on
/// a file:// URL, gpg) with keys generated here; a different key, or an extra key beside the pinned one, is refused
/// and no keyring is written.
/// </summary>
public sealed class PinnedAptKeyTests : IDisposable
{
    private readonly TempFolder _dir = new("platform-aptkey");

    public void Dispose() => _dir.Dispose();

    [RequiresToolFact("gpg", "curl", "sh")]
    public async Task Script_PinnedKey_WritesTheKeyring_OtherOrExtraKeys_AreRefused()
    {
        var (pinned, pinnedKey) = await NewKeyAsync("pinned");
        var (other, otherKey) = await NewKeyAsync("other");
        File.WriteAllText(_dir.Combine("both.asc"), File.ReadAllText(pinnedKey) + File.ReadAllText(otherKey));

        var good = await RunAsync(pinnedKey, pinned, "good.gpg");
        var wrong = await RunAsync(otherKey, pinned, "wrong.gpg");
        var extra = await RunAsync(_dir.Combine("both.asc"), pinned, "extra.gpg");

        Assert.True(good.ExitCode == 0, good.Output);
        Assert.True(File.Exists(_dir.Combine("keyrings", "good.gpg")));
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains($"has fingerprint(s) \"{other}\", not the pinned {pinned}: refused", wrong.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, extra.ExitCode);
        Assert.False(File.Exists(_dir.Combine("keyrings", "wrong.gpg")) || File.Exists(_dir.Combine("keyrings", "extra.gpg")));
        Assert.Matches("^[0-9A-F]{40}$", KubernetesVersions.RepositoryKeyFingerprint);
    }

    private Task<ProcessRunner.Result> RunAsync(string keyFile, string fingerprint, string keyring)
        => ProcessRunner.RunAsync("sh", ["-c", PinnedAptKey.Script(new Uri(keyFile).AbsoluteUri, fingerprint, _dir.Combine("keyrings", keyring))], TimeSpan.FromSeconds(60), environment: Gpg);

    private async Task<(string Fingerprint, string File)> NewKeyAsync(string name)
    {
        var home = _dir.Combine("gnupg-" + name);
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = new Dictionary<string, string> { ["GNUPGHOME"] = home };
        var made = await ProcessRunner.RunAsync("gpg", ["--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", $"{name} <{name}@example.invalid>", "ed25519", "sign", "never"], TimeSpan.FromSeconds(60), environment: env);
        Assert.True(made.ExitCode == 0, made.Output);
        var list = await ProcessRunner.RunAsync("gpg", ["--batch", "--with-colons", "--list-keys"], TimeSpan.FromSeconds(30), environment: env);
        var fingerprint = list.Output.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        var exported = await ProcessRunner.RunAsync("gpg", ["--batch", "--armor", "--export", fingerprint], TimeSpan.FromSeconds(30), environment: env);
        var file = _dir.Combine(name + ".asc");
        File.WriteAllText(file, exported.Output);
        return (fingerprint, file);
    }

    private Dictionary<string, string> Gpg => new() { ["GNUPGHOME"] = Directory.CreateDirectory(_dir.Combine("gnupg-run")).FullName };
}
