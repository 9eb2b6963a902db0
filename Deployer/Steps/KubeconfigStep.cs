using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Deployer.Operations;

namespace Platform.Deployer.Steps;

/// <summary><c>aspire do kubeconfig [-o DIR]</c>: the admin kubeconfig, pointed at the VIP, saved 0600 in DIR or the state folder.</summary>
internal sealed class KubeconfigStep(ParameterResource inventory)
{
    /// <summary>The step's name.</summary>
    public const string Name = "kubeconfig";

    /// <summary>The step's action.</summary>
    public async Task RunAsync(PipelineStepContext context)
    {
        var session = await context.Services.GetRequiredService<DeploySessions>().GetAsync(context, inventory).ConfigureAwait(false);
        var folder = context.Services.GetService<IOptions<PipelineOptions>>()?.Value.OutputPath is { Length: > 0 } output ? Path.GetFullPath(output) : session.State.Path;
        var file = Path.Combine(folder, AdminKubeconfig.FileName);
        var server = await AdminKubeconfig.SaveAsync(session.Input, file, context.CancellationToken).ConfigureAwait(false);
        context.Summary.Add("Kubeconfig", $"{file} (mode 0600), server {server}. Use it with: kubectl --kubeconfig {file} get nodes");
    }
}
