using System.Net;
using Platform.Deployer.Phases;
using Platform.Deployer.State;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;

namespace Platform.Deployer.Pki;

/// <summary>
/// The certificates a deployment places on hosts: etcd's own CA and member/client certificates, and the
/// Kubernetes cluster CA (made here so kubeadm's join hash is known before kubeadm runs). All kept in the state folder.
/// </summary>
public sealed class DeploymentPki(StateFolder state)
{
    // Hosts run in parallel and share the CA and client certificates: issue one at a time, once.
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IReadOnlyList<DesiredFile>> _etcdFiles = [];

    private readonly Lazy<CertificateAuthority> _etcdCa = new(() => CertificateAuthority.LoadOrCreate(state.EtcdPkiDirectory, "platform-etcd-ca", KeyAlgorithm.EcdsaP256));
    private readonly Lazy<CertificateAuthority> _kubernetesCa = new(() => CertificateAuthority.LoadOrCreate(state.KubernetesPkiDirectory, "kubernetes", KeyAlgorithm.Rsa2048));

    /// <summary>The etcd admin client's name: its pair is admin-client.crt and .key in the etcd PKI folder.</summary>
    public const string EtcdAdminClientName = "admin-client";

    /// <summary>etcd's CA.</summary>
    public CertificateAuthority EtcdCa => _etcdCa.Value;

    /// <summary>The Kubernetes cluster CA.</summary>
    public CertificateAuthority KubernetesCa => _kubernetesCa.Value;

    /// <summary>The etcd files of a control plane: CA, server and peer pairs, the admin client and the API server's client pair.</summary>
    public IReadOnlyList<DesiredFile> EtcdFiles(Machine machine)
    {
        lock (_lock)
        {
            var key = $"{machine.Name}|{machine.Address}";
            if (!_etcdFiles.TryGetValue(key, out var files))
            {
                _etcdFiles[key] = files = IssueEtcdFiles(machine);
            }

            return files;
        }
    }

    private IReadOnlyList<DesiredFile> IssueEtcdFiles(Machine machine)
    {
        var directory = Path.Combine(state.EtcdPkiDirectory, machine.Name);
        var names = new[] { machine.Name, "localhost" };
        var server = EtcdCa.LoadOrIssue(directory, "server", machine.Name, CertificateUsage.Server | CertificateUsage.Client, names, [machine.Address, IPAddress.Loopback]);
        var peer = EtcdCa.LoadOrIssue(directory, "peer", machine.Name, CertificateUsage.Server | CertificateUsage.Client, [machine.Name], [machine.Address]);
        var admin = EtcdCa.LoadOrIssue(state.EtcdPkiDirectory, EtcdAdminClientName, "platform-etcd-admin", CertificateUsage.Client, [], []);
        var apiServer = EtcdCa.LoadOrIssue(state.EtcdPkiDirectory, "apiserver-etcd-client", "kube-apiserver-etcd-client", CertificateUsage.Client, [], [], "system:masters");
        return
        [
            DesiredFile.Text(EtcdPaths.CaCertificate, EtcdCa.CertificatePem, "0644", Components.Etcd),
            DesiredFile.Text(EtcdPaths.ServerCertificate, server.CertificatePem, "0644", Components.Etcd),
            DesiredFile.Text(EtcdPaths.ServerKey, server.KeyPem, "0600", Components.Etcd),
            DesiredFile.Text(EtcdPaths.PeerCertificate, peer.CertificatePem, "0644", Components.Etcd),
            DesiredFile.Text(EtcdPaths.PeerKey, peer.KeyPem, "0600", Components.Etcd),
            DesiredFile.Text(EtcdPaths.AdminClientCertificate, admin.CertificatePem, "0644", Components.Etcd),
            DesiredFile.Text(EtcdPaths.AdminClientKey, admin.KeyPem, "0600", Components.Etcd),
            DesiredFile.Text(EtcdPaths.ApiServerClientCertificate, apiServer.CertificatePem, "0644", Components.Etcd),
            DesiredFile.Text(EtcdPaths.ApiServerClientKey, apiServer.KeyPem, "0600", Components.Etcd),
        ];
    }

    /// <summary>
    /// The etcd CA certificate and the admin client pair in a state folder, for a client on this host (etcdctl, a
    /// readiness probe). Nothing is issued: they exist once a deployment has placed etcd.
    /// </summary>
    public static (string CaCertificate, string ClientCertificate, string ClientKey) EtcdAdminClientFiles(StateFolder state)
        => (Path.Combine(state.EtcdPkiDirectory, CertificateAuthority.CertificateFileName),
            Path.Combine(state.EtcdPkiDirectory, EtcdAdminClientName + ".crt"),
            Path.Combine(state.EtcdPkiDirectory, EtcdAdminClientName + ".key"));

    /// <summary>The cluster CA files for the first control plane (kubeadm init uses an existing CA).</summary>
    public IReadOnlyList<DesiredFile> KubernetesCaFiles()
    {
        lock (_lock)
        {
            return
            [
                DesiredFile.Text(KubernetesPaths.CaCertificate, KubernetesCa.CertificatePem, "0644", Components.Kubeadm),
                DesiredFile.Text(KubernetesPaths.CaKey, KubernetesCa.KeyPem, "0600", Components.Kubeadm),
            ];
        }
    }
}
