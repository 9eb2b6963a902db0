using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Steps;

/// <summary><c>aspire do secrets-key-rotate</c>: connect, then <see cref="EncryptionKeyRotatePhase"/> on the control planes.</summary>
internal sealed class EncryptionKeyRotateStep(ParameterResource inventory)
{
    /// <summary>The step's action.</summary>
    public async Task RunAsync(PipelineStepContext context)
    {
        await using var session = await DeploySession.CreateAsync(context, inventory).ConfigureAwait(false);
        var observer = new StepObserver(context.ReportingStep, namePhase: true, context.CancellationToken);
        DeploymentResult result;
        try
        {
            result = await Deployment.RunAsync(session.Model, session.Inventory, session.State, session.Input.Options(dryRun: false), observer, context.CancellationToken,
                [new ConnectPhase(), new DetectOsPhase(), new GatherFactsPhase(), new EncryptionKeyRotatePhase()]).ConfigureAwait(false);
        }
        finally
        {
            await observer.FlushAsync().ConfigureAwait(false);
        }

        if (result.Failures.Count > 0)
        {
            throw new DeploymentFailedException(result.Failures, $"aspire do {EncryptionKeyRotatePhase.PhaseName}");
        }

        context.Summary.Add("Encryption key", $"{session.State.SecretsDirectory}: a new key encrypts Secrets; the previous {SecretStoreKept} still decrypt");
    }

    private static int SecretStoreKept => State.SecretStore.EncryptionKeysKept - 1;
}
