using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 3: etcd on every control plane as a systemd service: an environment file (ETCD_* variables that
/// etcd 3.4 and 3.5 both read) with client and peer TLS required, and the unit.
/// </summary>
public sealed class EtcdRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<EtcdClusterResource>() is not { } etcd)
        {
            yield break;
        }

        var members = context.Topology.ControlPlanes.ToList();
        var initialCluster = string.Join(',', members.Select(m => $"{m.Name}=https://{m.Address}:{EtcdClusterResource.PeerPort}"));
        var bin = etcd.Source == EtcdSource.UpstreamRelease ? EtcdVersions.UpstreamBinDirectory : EtcdVersions.DistroBinDirectory;
        foreach (var m in members)
        {
            yield return Artifact.ForHost(m, PlatformLayer.ControlPlane, Components.Etcd, EtcdPaths.EnvironmentFile, $"""
                # etcd member {m.Name} of {members.Count}; clients and peers must present certificates from the etcd CA.
                ETCD_NAME={m.Name}
                ETCD_DATA_DIR={EtcdPaths.DataDirectory}
                ETCD_LISTEN_CLIENT_URLS=https://{m.Address}:{EtcdClusterResource.ClientPort},https://127.0.0.1:{EtcdClusterResource.ClientPort}
                ETCD_ADVERTISE_CLIENT_URLS=https://{m.Address}:{EtcdClusterResource.ClientPort}
                ETCD_LISTEN_PEER_URLS=https://{m.Address}:{EtcdClusterResource.PeerPort}
                ETCD_INITIAL_ADVERTISE_PEER_URLS=https://{m.Address}:{EtcdClusterResource.PeerPort}
                ETCD_INITIAL_CLUSTER={initialCluster}
                ETCD_INITIAL_CLUSTER_STATE=new
                ETCD_INITIAL_CLUSTER_TOKEN={context.Cluster.Name}-etcd
                ETCD_CLIENT_CERT_AUTH=true
                ETCD_TRUSTED_CA_FILE={EtcdPaths.CaCertificate}
                ETCD_CERT_FILE={EtcdPaths.ServerCertificate}
                ETCD_KEY_FILE={EtcdPaths.ServerKey}
                ETCD_PEER_CLIENT_CERT_AUTH=true
                ETCD_PEER_TRUSTED_CA_FILE={EtcdPaths.CaCertificate}
                ETCD_PEER_CERT_FILE={EtcdPaths.PeerCertificate}
                ETCD_PEER_KEY_FILE={EtcdPaths.PeerKey}
                # TLS 1.2 only with ECDHE and AEAD ciphers (TLS 1.3 stays available); clients and peers alike.
                ETCD_CIPHER_SUITES={string.Join(',', TlsPolicy.CipherSuites)}
                # Plain-HTTP /metrics and /health for Prometheus; no keys are served here.
                ETCD_LISTEN_METRICS_URLS=http://{m.Address}:{EtcdClusterResource.MetricsPort},http://127.0.0.1:{EtcdClusterResource.MetricsPort}
                ETCD_AUTO_COMPACTION_MODE=periodic
                ETCD_AUTO_COMPACTION_RETENTION=8h
                ETCD_QUOTA_BACKEND_BYTES=8589934592
                ETCD_SNAPSHOT_COUNT=10000
                ETCD_HEARTBEAT_INTERVAL=100
                ETCD_ELECTION_TIMEOUT=1000

                """, mode: "0640");
            yield return Artifact.ForHost(m, PlatformLayer.ControlPlane, Components.Etcd, EtcdPaths.Unit, $"""
                # etcd {(etcd.Source == EtcdSource.UpstreamRelease ? $"v{EtcdVersions.Version} (upstream release)" : "(distribution package)")}, outside kubelet so it can be backed up, restored and replaced on its own.
                # It runs as root, like kubeadm's own etcd pod: its data and keys are root-only (0700/0600).
                [Unit]
                Description=etcd key-value store for Kubernetes ({context.Cluster.Name})
                Documentation=https://etcd.io/docs/
                After=network-online.target
                Wants=network-online.target

                [Service]
                Type=notify
                EnvironmentFile={EtcdPaths.EnvironmentFile}
                # Present only while a replacement member joins the running cluster (aspire do etcd-replace-member).
                EnvironmentFile=-{EtcdPaths.JoinEnvironmentFile}
                ExecStart={bin}/etcd
                Restart=always
                RestartSec=5
                LimitNOFILE=65536
                TimeoutStartSec=0

                [Install]
                WantedBy=multi-user.target

                """);
        }
    }
}
