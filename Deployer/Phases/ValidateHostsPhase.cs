using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>Checks the facts against the model before anything changes: addresses, sizes.</summary>
public sealed class ValidateHostsPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "validate";

    /// <inheritdoc />
    public override string Title => "Validate hosts against the model";

    /// <inheritdoc />
    public override bool IsPrerequisite => true;

    /// <inheritdoc />
    public override Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var host = step.Host;
        var facts = host.Facts;
        var address = host.Machine.Address.ToString();
        if (facts.InterfaceOf(address) is null)
        {
            var found = string.Join(", ", facts.Addresses.Select(a => $"{a.Key} {string.Join(" ", a.Value)}"));
            throw new PlatformException($"{host.Name}: the inventory address {address} is on no interface of the machine (it has: {found}). Fix 'address' in the inventory.");
        }

        if (host.Machine.Role != NodeRole.LoadBalancer && (facts.Cpus < 2 || facts.MemoryMiB < 1700))
        {
            step.Warn($"{facts.Cpus} CPUs and {facts.MemoryMiB} MiB are below kubeadm's minimum of 2 CPUs and 2 GiB; kubeadm preflight will refuse.");
        }

        return Task.CompletedTask;
    }
}
