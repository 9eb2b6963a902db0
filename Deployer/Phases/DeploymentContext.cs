using Platform.Deployer.Hosts;
using Platform.Deployer.Inventory;
using Platform.Deployer.Pki;
using Platform.Deployer.State;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;

namespace Platform.Deployer.Phases;

/// <summary>Everything a run shares: the model, the hosts, rendered files, secrets, PKI, options and the observer.</summary>
public sealed class DeploymentContext
{
    private readonly Lock _lock = new();
    private IReadOnlyList<Artifact> _artifacts = [];

    /// <summary>Creates the context and renders the artifacts for the inventory's machines.</summary>
    public DeploymentContext(PlatformModel model, DeploymentInventory inventory, StateFolder state, DeploymentOptions options, IDeploymentObserver observer)
    {
        Model = model;
        Inventory = inventory;
        State = state;
        Options = options;
        Observer = observer;
        Secrets = new SecretStore(state);
        Pki = new DeploymentPki(state);
        Hosts = new HostCollection(inventory.Topology.Machines.Select(m => new DeployHost(m, inventory.Endpoints[m.Name])));
        Render();
    }

    /// <summary>The model.</summary>
    public PlatformModel Model { get; }

    /// <summary>The bound inventory.</summary>
    public DeploymentInventory Inventory { get; }

    /// <summary>The state folder.</summary>
    public StateFolder State { get; }

    /// <summary>Run options.</summary>
    public DeploymentOptions Options { get; }

    /// <summary>True for plan.</summary>
    public bool DryRun => Options.DryRun;

    /// <summary>Progress receiver.</summary>
    public IDeploymentObserver Observer { get; }

    /// <summary>Generated secrets.</summary>
    public SecretStore Secrets { get; }

    /// <summary>Certificates.</summary>
    public DeploymentPki Pki { get; }

    /// <summary>The hosts.</summary>
    public HostCollection Hosts { get; }

    /// <summary>The render context (the inventory's machines, real secrets).</summary>
    public RenderContext RenderContext { get; private set; } = null!;

    /// <summary>Held while a running etcd member restarts and rejoins: members of a running cluster restart one at a time.</summary>
    public SemaphoreSlim EtcdRestart { get; } = new(1, 1);

    /// <summary>The resume journal (apply only).</summary>
    public Journal? Journal { get; init; }

    /// <summary>The host ledger a finished apply records into (deploy-graph applies only), or null.</summary>
    public HostLedger? Ledger { get; init; }

    /// <summary>The (phase, host) steps a scoped run makes; null: every selected phase on every host it selects.</summary>
    public DeploymentScope? Scope { get; set; }

    /// <summary>True when <paramref name="host"/> is worked on by this run (always, unless the run is scoped).</summary>
    public bool InScope(DeployHost host) => Scope?.Hosts.Contains(host.Name) ?? true;

    /// <summary>Closes the journal of an apply whose every step succeeded, and records what it converged in the ledger.</summary>
    public void FinishApply()
    {
        var steps = Journal?.Steps ?? [];
        Journal?.Finish();
        if (Ledger is null)
        {
            return;
        }

        foreach (var host in Hosts.Where(h => h.Contacted))
        {
            Ledger.Record(host, steps.Where(s => s.Host == host.Name).Select(s => (s.Phase, s.Fingerprint)));
        }
    }

    /// <summary>Every rendered artifact.</summary>
    public IReadOnlyList<Artifact> Artifacts
    {
        get
        {
            lock (_lock)
            {
                return _artifacts;
            }
        }
    }

    /// <summary>The host files of <paramref name="host"/> for the given components.</summary>
    public IEnumerable<DesiredFile> FilesFor(DeployHost host, IEnumerable<string> components)
    {
        var wanted = components.ToHashSet(StringComparer.Ordinal);
        return Artifacts.Where(a => a.Target == host.Name && a.HostPath is not null && wanted.Contains(a.Component))
            .Select(a => DesiredFile.Text(a.HostPath!, a.Component == Components.Encryption ? EncryptionConfig() : a.Content, a.Mode, a.Component));
    }

    /// <summary>The cluster artifacts of the given components.</summary>
    public IEnumerable<Artifact> ClusterArtifacts(IEnumerable<string> components)
    {
        var wanted = components.ToHashSet(StringComparer.Ordinal);
        return Artifacts.Where(a => a.Target == Artifact.ClusterTarget && wanted.Contains(a.Component));
    }

    /// <summary>Opens a new connection to <paramref name="host"/>, next to the one the run uses (to prove a fresh login works).</summary>
    public async Task<Ssh.ISshConnection> ConnectAsync(DeployHost host, CancellationToken cancellationToken)
        => Options.Connect is { } connect
            ? await connect(host, cancellationToken).ConfigureAwait(false)
            : await Ssh.SshConnection.ConnectAsync(host.Name, host.Endpoint, Options.KnownHosts, Options.AcceptNewHostKeys, Options.ConnectTimeout, cancellationToken).ConfigureAwait(false);

    /// <summary>Closes every host's connection (the end of a run).</summary>
    public async Task DisconnectAsync()
    {
        foreach (var host in Hosts.Where(h => h.Connection is not null))
        {
            await host.Connection!.DisposeAsync().ConfigureAwait(false);
            host.Connection = null;
        }
    }

    /// <summary>The API servers' encryption configuration with the state folder's keys (the one host file that must hold secrets).</summary>
    public string EncryptionConfig() => Hosting.Publishing.Renderers.Host.EncryptionConfigRenderer.Content(Secrets.EncryptionKeys);

    /// <summary><paramref name="content"/> with the state folder's values in place of the <c>${NAME}</c> secret references.</summary>
    public string WithSecrets(string content) => content
        .Replace(PlatformSecrets.References.BootstrapToken, Secrets.BootstrapToken, StringComparison.Ordinal)
        .Replace(PlatformSecrets.References.CertificateKey, Secrets.CertificateKey, StringComparison.Ordinal);

    /// <summary>The kubeadm configuration placed on <paramref name="host"/>, with its secrets filled in.</summary>
    public string KubeadmConfigWithSecrets(DeployHost host)
        => WithSecrets(Artifacts.Single(a => a.Target == host.Name && a.HostPath == KubernetesPaths.KubeadmConfig).Content);

    /// <summary>Renders again after facts filled in each machine's network interface.</summary>
    public void Render()
    {
        var topology = new PlatformTopology(Hosts.Select(h => h.Machine));
        // Files placed on hosts keep ${NAME} references, as published ones do; kubeadm gets the values only in a
        // private temporary file for the one command that needs them (WithSecrets).
        var secrets = PlatformSecrets.References with { CaCertHash = Pki.KubernetesCa.PublicKeyPin() };
        var render = new RenderContext(Model, topology, secrets);
        var artifacts = ArtifactRenderers.RenderAll(render);
        lock (_lock)
        {
            RenderContext = render;
            _artifacts = artifacts;
        }
    }
}
