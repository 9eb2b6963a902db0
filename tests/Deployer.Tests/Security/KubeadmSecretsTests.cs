using System.Text;
using k8s;
using k8s.Models;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Deployer.Tests.Phases;
using Platform.Testing;

namespace Platform.Deployer.Tests.Security;

/// <summary>
/// The bootstrap token and the certificate key reach kubeadm only on standard input, into a private file under /run
/// that the same command removes: no command line holds them and no file placed on a node keeps them.
/// </summary>
public sealed class KubeadmSecretsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Init_FreshCluster_ConfigWithSecretsOnlyOnStdin_PlacedFileHoldsReferences()
    {
        var (context, connections) = Context();
        var cp1 = context.Hosts.FirstControlPlane;

        await RunAsync(context, new InitControlPlanePhase(), cp1);

        var ssh = connections[cp1.Name];
        AssertNoSecretIn(context, ssh);
        var (command, input) = Assert.Single(ssh.Inputs);
        Assert.StartsWith(HostStep.SecretFileScript, command, StringComparison.Ordinal);
        Assert.EndsWith("kubeadm init --config \"$PLATFORM_SECRET_FILE\" --upload-certs", command, StringComparison.Ordinal);
        Assert.Contains("trap 'rm -f \"$PLATFORM_SECRET_FILE\"' EXIT", command, StringComparison.Ordinal);
        var config = Encoding.UTF8.GetString(input);
        Assert.Contains(context.Secrets.BootstrapToken, config, StringComparison.Ordinal);
        Assert.Contains(context.Secrets.CertificateKey, config, StringComparison.Ordinal);
        var placed = ssh.Writes.SelectMany(w => w).Single(f => f.Path == KubernetesPaths.KubeadmConfig);
        Assert.Contains("${KUBEADM_BOOTSTRAP_TOKEN}", Encoding.UTF8.GetString(placed.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_NodesStillToJoin_TokenRenewedAsASecretOnStdin_CertificatesUploadedFromAPrivateFile()
    {
        var (context, connections) = Context();
        var cp1 = context.Hosts.FirstControlPlane;
        cp1.Facts.ExistingPaths[HostMarkers.AdminKubeconfig] = true;

        await RunAsync(context, new InitControlPlanePhase(), cp1);

        var ssh = connections[cp1.Name];
        AssertNoSecretIn(context, ssh);
        Assert.Equal(2, ssh.Inputs.Count);
        Assert.EndsWith("kubeadm init phase upload-certs --upload-certs --config \"$PLATFORM_SECRET_FILE\"", ssh.Inputs[0].Command, StringComparison.Ordinal);
        Assert.EndsWith("apply --server-side --force-conflicts --field-manager=platform -f -", ssh.Inputs[1].Command, StringComparison.Ordinal);
        var secret = KubernetesYaml.Deserialize<V1Secret>(Encoding.UTF8.GetString(ssh.Inputs[1].Input), strict: true);
        var token = context.Secrets.BootstrapToken.Split('.');
        Assert.Equal(("bootstrap-token-" + token[0], "kube-system", "bootstrap.kubernetes.io/token"), (secret.Metadata.Name, secret.Metadata.NamespaceProperty, secret.Type));
        Assert.Equal(token[1], secret.StringData["token-secret"]);
        var expires = DateTimeOffset.Parse(secret.StringData["expiration"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Join_Worker_ConfigWithTokenOnlyOnStdin()
    {
        var (context, connections) = Context();
        var worker = context.Hosts.Workers.First();

        await RunAsync(context, new JoinWorkersPhase(), worker);

        var ssh = connections[worker.Name];
        AssertNoSecretIn(context, ssh);
        Assert.EndsWith("kubeadm join --config \"$PLATFORM_SECRET_FILE\"", Assert.Single(ssh.Inputs).Command, StringComparison.Ordinal);
        Assert.Contains(context.Secrets.BootstrapToken, Encoding.UTF8.GetString(ssh.Inputs[0].Input), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostFiles_HoldNoSecretValue()
    {
        var (context, _) = Context();
        string[] secrets = [context.Secrets.BootstrapToken, context.Secrets.CertificateKey];

        Assert.DoesNotContain(context.Artifacts, a => secrets.Any(s => a.Content.Contains(s, StringComparison.Ordinal)));
    }

    private static void AssertNoSecretIn(DeploymentContext context, RecordingConnection ssh)
    {
        string[] secrets = [context.Secrets.BootstrapToken, context.Secrets.BootstrapToken.Split('.')[1], context.Secrets.CertificateKey];
        Assert.DoesNotContain(ssh.Commands, c => secrets.Any(s => c.Contains(s, StringComparison.Ordinal)));
        Assert.DoesNotContain(ssh.Writes.SelectMany(w => w), f => secrets.Any(s => Encoding.UTF8.GetString(f.Content).Contains(s, StringComparison.Ordinal)));
    }

    private static async Task RunAsync(DeploymentContext context, IPhase phase, DeployHost host)
        => await phase.RunAsync(new HostStep(context, phase, host), CancellationToken.None);

    private (DeploymentContext Context, Dictionary<string, RecordingConnection> Connections) Context() => RecordedContext.Create(_dir);
}
