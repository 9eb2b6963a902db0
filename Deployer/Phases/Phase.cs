using System.Security.Cryptography;
using System.Text;
using Platform.Deployer.Hosts;

namespace Platform.Deployer.Phases;

/// <summary>Defaults for phases: every host, no preparation or finishing, fingerprint over the phase's desired files.</summary>
public abstract class Phase : IPhase
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Title { get; }

    /// <inheritdoc />
    public virtual bool IsPrerequisite => false;

    /// <inheritdoc />
    public virtual bool IsCheck => false;

    /// <inheritdoc />
    public virtual int? MaxParallelism => null;

    /// <summary>The artifact components whose host files this phase places.</summary>
    public virtual IReadOnlyList<string> FileComponents => [];

    /// <inheritdoc />
    public virtual IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts;

    /// <inheritdoc />
    public virtual Task PrepareAsync(DeploymentContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public abstract Task RunAsync(HostStep step, CancellationToken cancellationToken);

    /// <inheritdoc />
    public virtual Task FinishAsync(DeploymentContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public virtual string Fingerprint(HostStep step)
    {
        var text = new StringBuilder(Name);
        foreach (var file in DesiredFiles(step).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            text.Append('\n').Append(file.Path).Append(' ').Append(file.Mode).Append(' ').Append(file.Sha256);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The files this phase places on the step's host.</summary>
    protected virtual IEnumerable<DesiredFile> DesiredFiles(HostStep step) => step.Context.FilesFor(step.Host, FileComponents);
}
