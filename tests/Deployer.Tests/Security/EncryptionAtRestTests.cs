using System.Text;
using Aspire.Hosting.ApplicationModel;
using k8s;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Platform.Deployer.State;
using Platform.Deployer.Tests.Phases;
using Platform.Hosting.Publishing.Models.Apiserver;
using Platform.Testing;

namespace Platform.Deployer.Tests.Security;

/// <summary>
/// The key that encrypts Secrets at rest is generated into the state folder (0600), reaches the control planes only in
/// their 0600 encryption configuration, and rotates: a new key encrypts, the old ones still decrypt, every API server
/// restarts one at a time and every Secret is rewritten. (No cluster runs here: the commands are checked as planned.)
/// </summary>
public sealed class EncryptionAtRestTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Init_PlacesTheEncryptionConfigWithTheStateFoldersKey_0600()
    {
        var (context, connections) = RecordedContext.Create(_dir);
        var cp1 = context.Hosts.FirstControlPlane;

        await new InitControlPlanePhase().RunAsync(new HostStep(context, new InitControlPlanePhase(), cp1), CancellationToken.None);

        var placed = connections[cp1.Name].Writes.SelectMany(w => w).Single(f => f.Path == KubernetesPaths.EncryptionConfig);
        Assert.Equal("0600", placed.Mode);
        var key = Assert.Single(Keys(Encoding.UTF8.GetString(placed.Content)));
        Assert.Equal(context.Secrets.EncryptionKeys[0].Secret, key.Secret);
        Assert.Equal(32, Convert.FromBase64String(key.Secret).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(context.State.SecretsDirectory, "kubernetes-encryption-keys")));
    }

    [Fact]
    public void Rotate_NewKeyFirst_OldKeysStillDecrypt_AtMostThreeKept()
    {
        var store = new SecretStore(new StateFolder(_dir.Combine("state")));
        var first = store.EncryptionKeys.Single();

        var once = store.RotateEncryptionKey();
        store.RotateEncryptionKey();
        var thrice = store.RotateEncryptionKey();

        Assert.Equal(2, once.Count);
        Assert.Equal(first.Secret, once[1].Secret);
        Assert.NotEqual(first.Secret, once[0].Secret);
        Assert.Equal(SecretStore.EncryptionKeysKept, thrice.Count);
        Assert.DoesNotContain(thrice, k => k.Secret == first.Secret);
        Assert.Equal(thrice.Count, thrice.Select(k => k.Name).Distinct().Count());
    }

    [Fact]
    public async Task RotatePhase_OnACluster_EachApiServerRestartsWithTheNewKeyFirst_ThenSecretsAreRewrittenOnce()
    {
        var (context, connections) = RecordedContext.Create(_dir);
        var old = context.Secrets.EncryptionKeys.Single();
        var phase = new EncryptionKeyRotatePhase();
        foreach (var host in context.Hosts.ControlPlanes)
        {
            host.Facts.ExistingPaths[HostMarkers.KubeletKubeconfig] = true;
        }

        await phase.PrepareAsync(context, CancellationToken.None);
        foreach (var host in context.Hosts.ControlPlanes)
        {
            await phase.RunAsync(new HostStep(context, phase, host), CancellationToken.None);
        }

        foreach (var host in context.Hosts.ControlPlanes)
        {
            var ssh = connections[host.Name];
            var keys = Keys(Encoding.UTF8.GetString(ssh.Writes.SelectMany(w => w).Single(f => f.Path == KubernetesPaths.EncryptionConfig).Content));
            Assert.Equal([context.Secrets.EncryptionKeys[0].Secret, old.Secret], keys.Select(k => k.Secret));
            Assert.Contains(ssh.Commands, c => c.Contains("--name kube-apiserver", StringComparison.Ordinal) && c.Contains("/readyz", StringComparison.Ordinal));
            Assert.DoesNotContain(ssh.Commands, c => c.Contains(old.Secret, StringComparison.Ordinal) || c.Contains(context.Secrets.EncryptionKeys[0].Secret, StringComparison.Ordinal));
        }

        Assert.Single(connections.Values.SelectMany(c => c.Commands), c => c.Contains("get secrets --all-namespaces -o json", StringComparison.Ordinal));
        Assert.Contains(connections["cp-3"].Commands, c => c.Contains("replace -f -", StringComparison.Ordinal));
    }

    [Fact]
    public void StateFolderValues_ListEachEncryptionKeyAlone_SoScansAndRedactionSeeIt()
    {
        var state = new StateFolder(_dir.Combine("state"));
        var store = new SecretStore(state);
        var keys = store.RotateEncryptionKey();

        var values = SecretRedactor.ValuesIn(state);

        Assert.All(keys, k => Assert.Contains(k.Secret, values));
        Assert.DoesNotContain(values, v => v.Contains(keys[0].Name, StringComparison.Ordinal));
        Assert.Equal($"config: {SecretRedactor.Mask}", SecretRedactor.Redact($"config: {keys[1].Secret}"));
    }

    [Fact]
    public async Task RotatePhase_Plan_KeepsTheKey()
    {
        var (context, _) = RecordedContext.Create(_dir);
        var before = context.Secrets.EncryptionKeys.Single().Secret;
        var plan = new DeploymentContext(context.Model, context.Inventory, context.State, context.Options with { DryRun = true }, new DeploymentObserver());

        await new EncryptionKeyRotatePhase().PrepareAsync(plan, CancellationToken.None);

        Assert.Equal(before, plan.Secrets.EncryptionKeys.Single().Secret);
    }

    private static List<EncryptionKey> Keys(string yaml)
        => KubernetesYaml.Deserialize<EncryptionConfiguration>(yaml, strict: true).Resources.Single().Providers[0].Secretbox!.Keys;
}
