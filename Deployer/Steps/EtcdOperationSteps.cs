using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Platform.Deployer.Etcd;
using Platform.Hosting.Pipeline;

namespace Platform.Deployer.Steps;

/// <summary>
/// The etcd day-2 operations as pipeline steps, named as the user types them (<c>aspire do etcd-backup</c>). Each calls
/// the Deployer library's operation, the same code the dashboard's commands and the tests run.
/// </summary>
internal static class EtcdOperationSteps
{
    /// <summary>One step per operation, after model validation and Aspire's deploy prerequisites; none is part of <c>aspire deploy</c>.</summary>
    public static IEnumerable<PipelineStep> Create(ParameterResource inventory)
    {
        yield return Step(EtcdBackup.Name, "Take an etcd snapshot now on a healthy member, verify it and copy it off the node, age-encrypted.", inventory, async (step, session, scope) =>
        {
            var report = await EtcdBackup.RunAsync(scope, step.CancellationToken).ConfigureAwait(false);
            step.Summary.Add("Snapshot", report.Summary);
        });
        yield return Step(EtcdRestore.Name, "Restore a snapshot (Deploy:Snapshot, default the newest) onto every control plane; needs Deploy:Confirm=etcd-restore.", inventory, async (step, session, scope) =>
        {
            var report = await EtcdRestore.RunAsync(scope, session.Input.Settings.Snapshot, step.CancellationToken).ConfigureAwait(false);
            step.Summary.Add("Restore", report);
        });
        yield return Step(EtcdReplaceMember.Name, "Replace a lost control plane's etcd member (Deploy:Member); quorum checked first; needs Deploy:Confirm=etcd-replace-member.", inventory, async (step, session, scope) =>
        {
            var report = await EtcdReplaceMember.RunAsync(scope, session.Input.Settings.Member, step.CancellationToken).ConfigureAwait(false);
            step.Summary.Add("Member", report);
        });
        yield return Step(CertificatesCheck.Name, "List every etcd and Kubernetes certificate on the control planes with its expiry.", inventory, async (step, session, scope) =>
        {
            var report = await CertificatesCheck.RunAsync(scope, step.CancellationToken).ConfigureAwait(false);
            step.Summary.Add("Certificates", report);
        });
        yield return Step(EtcdCertificatesRenew.Name, "Re-issue the etcd leaf certificates and restart the members one at a time, each healthy before the next.", inventory, async (step, session, scope) =>
        {
            var report = await EtcdCertificatesRenew.RunAsync(scope, step.CancellationToken).ConfigureAwait(false);
            step.Summary.Add("Renewal", report);
        });
    }

    private static PipelineStep Step(string name, string description, ParameterResource inventory, Func<PipelineStepContext, DeploySession, EtcdOperationScope, Task> action)
    {
        var step = new PipelineStep
        {
            Name = name,
            Description = description,
            Action = async context =>
            {
                var session = await context.Services.GetRequiredService<DeploySessions>().GetAsync(context, inventory).ConfigureAwait(false);
                var observer = new StepObserver(context.ReportingStep, namePhase: true, context.CancellationToken);
                try
                {
                    await action(context, session, session.Scope(context, observer)).ConfigureAwait(false);
                }
                finally
                {
                    await observer.FlushAsync().ConfigureAwait(false);
                }
            },
        };
        step.DependsOn(PlatformPipeline.ValidateStep);
        step.DependsOn(WellKnownPipelineSteps.DeployPrereq);
        return step;
    }
}
