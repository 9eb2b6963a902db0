using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Hosting.Publishing;

namespace Platform.Deployer.Phases;

/// <summary>
/// <c>aspire do secrets-key-rotate</c>: a new key is put first in the state folder's encryption keys (the old ones keep
/// decrypting), each control plane gets the new configuration and its API server is restarted and waited for, one at a
/// time; after the last one every Secret is rewritten so it is encrypted with the new key.
/// </summary>
public sealed class EncryptionKeyRotatePhase : Phase
{
    private const string Kubectl = AdminKubectl.Command;

    /// <summary>The step's and phase's name.</summary>
    public const string PhaseName = "secrets-key-rotate";

    /// <inheritdoc />
    public override string Name => PhaseName;

    /// <inheritdoc />
    public override string Title => "Rotate the key that encrypts Secrets at rest";

    /// <inheritdoc />
    public override int? MaxParallelism => 1; // one API server restarts at a time; the VIP keeps the others serving

    /// <inheritdoc />
    public override IReadOnlyList<string> FileComponents => [Components.Encryption];

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.ControlPlanes;

    /// <inheritdoc />
    public override Task PrepareAsync(DeploymentContext context, CancellationToken cancellationToken)
    {
        if (!context.DryRun)
        {
            context.Secrets.RotateEncryptionKey();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        if (!step.Facts.ExistingPaths.ContainsKey(HostMarkers.KubeletKubeconfig) && !step.Facts.ExistingPaths.ContainsKey(HostMarkers.AdminKubeconfig))
        {
            step.Warn("not a cluster member yet: the new key reaches it when it joins");
            return;
        }

        var keys = step.Context.Secrets.EncryptionKeys;
        var changed = await step.EnsureFilesAsync(DesiredFiles(step), cancellationToken).ConfigureAwait(false);
        if (changed.Count == 0 && !step.Context.DryRun)
        {
            return;
        }

        await step.ChangeAsync($"restart kube-apiserver so it encrypts with {(step.Context.DryRun ? "a new key" : keys[0].Name)}, and wait until it is ready", ct => step.RunAsync(KubeApiServer.ReplacedAndReadyCommand(
            $"crictl --runtime-endpoint {ContainerRuntimeResource.CriSocket} ps -q --name kube-apiserver | xargs -r crictl --runtime-endpoint {ContainerRuntimeResource.CriSocket} stop >/dev/null"),
            ct, KubeApiServer.Timeout), cancellationToken).ConfigureAwait(false);

        if (step.Host == step.Context.Hosts.ControlPlanes.Last())
        {
            // Every API server now encrypts with the new key: rewrite every Secret with it.
            await step.ChangeAsync("rewrite every Secret so it is encrypted with the new key", ct => step.RunAsync(
                $"{Kubectl} get secrets --all-namespaces -o json | {Kubectl} replace -f - >/dev/null", ct, TimeSpan.FromMinutes(10)), cancellationToken).ConfigureAwait(false);
        }
    }
}
