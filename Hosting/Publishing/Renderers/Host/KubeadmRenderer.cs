using k8s;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing.Models.Kubeadm;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 3: kubeadm configuration per node (kubeadm.k8s.io/v1beta3). The first control plane gets
/// Init + Cluster + Kubelet + KubeProxy configuration; the other nodes a Join configuration that pins the
/// cluster CA and reaches the API through the control-plane endpoint (the VIP).
/// </summary>
public sealed class KubeadmRenderer : IArtifactRenderer
{
    /// <summary>Where the API server writes its audit log inside the static pod (mounted from the host).</summary>
    private const string AuditLogVolume = "audit-log";

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        var endpoint = $"{context.ControlPlaneEndpointHost}:{ApiLoadBalancerResource.ApiServerPort}";
        foreach (var machine in context.Topology.ControlPlanes.Concat(context.Topology.Workers))
        {
            var documents = machine.IsFirstControlPlane
                ? new object[] { Init(context, machine), Cluster(context, endpoint), Kubelet(context), KubeProxy(context) }
                : [Join(context, machine, endpoint)];
            yield return Artifact.ForHost(machine, PlatformLayer.ControlPlane, Components.Kubeadm, KubernetesPaths.KubeadmConfig,
                $"# kubeadm configuration for {machine.Name} ({machine.Role.ToName()}), Kubernetes v{context.Cluster.Version}.\n" + KubernetesYaml.SerializeAll(documents), mode: "0600");
        }
    }

    private static NodeRegistrationOptions Registration(Machine machine) => new()
    {
        Name = machine.Name,
        CriSocket = ContainerRuntimeResource.CriSocket,
        KubeletExtraArgs = new Dictionary<string, string> { ["node-ip"] = machine.Address.ToString() },
    };

    private static InitConfiguration Init(RenderContext context, Machine machine) => new()
    {
        BootstrapTokens =
        [
            new BootstrapToken
            {
                Token = context.Secrets.BootstrapToken,
                Ttl = "1h0m0s", // joins follow init within minutes; later runs renew it (BootstrapTokenSecret)
                Usages = ["signing", "authentication"],
                Groups = ["system:bootstrappers:kubeadm:default-node-token"],
                Description = "Platform: nodes join with this token",
            },
        ],
        NodeRegistration = Registration(machine),
        LocalAPIEndpoint = new ApiEndpoint { AdvertiseAddress = machine.Address.ToString(), BindPort = ApiLoadBalancerResource.ApiServerPort },
        CertificateKey = context.Secrets.CertificateKey,
    };

    private static ClusterConfiguration Cluster(RenderContext context, string endpoint)
    {
        var cluster = context.Cluster;
        var network = cluster.ClusterNetwork;
        var apiArgs = new Dictionary<string, string>();
        var volumes = new List<HostPathMount>();
        if (context.Model.Find<OidcResource>() is { } oidc)
        {
            var issuer = oidc.Issuer;
            apiArgs["oidc-issuer-url"] = issuer.IssuerUrl.ToString().TrimEnd('/');
            apiArgs["oidc-client-id"] = issuer.ClientId;
            apiArgs["oidc-username-claim"] = issuer.UsernameClaim;
            apiArgs["oidc-username-prefix"] = issuer.UsernamePrefix;
            apiArgs["oidc-groups-claim"] = issuer.GroupsClaim;
            apiArgs["oidc-groups-prefix"] = issuer.GroupsPrefix;
        }

        if (context.Model.Find<AuditPolicyResource>() is { } audit)
        {
            var log = audit.Log;
            apiArgs["audit-policy-file"] = AuditPolicyResource.PolicyPath;
            apiArgs["audit-log-path"] = log.Path;
            apiArgs["audit-log-maxage"] = log.MaxAgeDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
            apiArgs["audit-log-maxbackup"] = log.MaxBackups.ToString(System.Globalization.CultureInfo.InvariantCulture);
            apiArgs["audit-log-maxsize"] = log.MaxSizeMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            volumes.Add(new HostPathMount { Name = "audit-policy", HostPath = AuditPolicyResource.PolicyPath, MountPath = AuditPolicyResource.PolicyPath, ReadOnly = true, PathType = "File" });
            var logDirectory = Path.GetDirectoryName(log.Path)!.Replace('\\', '/');
            volumes.Add(new HostPathMount { Name = AuditLogVolume, HostPath = logDirectory, MountPath = logDirectory, ReadOnly = false, PathType = "DirectoryOrCreate" });
        }

        // CIS: no profiling endpoint, TLS 1.2+ with modern ciphers, PodSecurity defaults from the admission configuration.
        apiArgs["profiling"] = "false";
        apiArgs["tls-min-version"] = TlsPolicy.MinVersion;
        apiArgs["tls-cipher-suites"] = string.Join(',', TlsPolicy.CipherSuites);
        apiArgs["admission-control-config-file"] = KubernetesPaths.AdmissionConfig;
        volumes.Add(new HostPathMount { Name = "admission", HostPath = KubernetesPaths.AdmissionDirectory, MountPath = KubernetesPaths.AdmissionDirectory, ReadOnly = true, PathType = "DirectoryOrCreate" });

        // Secrets at rest: the folder is mounted (not the file) so a rotated configuration replaced by rename is seen.
        apiArgs["encryption-provider-config"] = KubernetesPaths.EncryptionConfig;
        volumes.Add(new HostPathMount { Name = "encryption", HostPath = KubernetesPaths.EncryptionDirectory, MountPath = KubernetesPaths.EncryptionDirectory, ReadOnly = true, PathType = "DirectoryOrCreate" });

        var sans = new List<string> { context.ControlPlaneEndpointHost, "127.0.0.1", "localhost" };
        sans.AddRange(context.Topology.ControlPlanes.SelectMany(m => new[] { m.Name, m.Address.ToString() }));

        // CIS: the controller manager and scheduler serve only on the node itself (so Prometheus does not scrape them), without profiling.
        var localArgs = new Dictionary<string, string> { ["bind-address"] = "127.0.0.1", ["profiling"] = "false" };
        return new ClusterConfiguration
        {
            ClusterName = cluster.Name,
            KubernetesVersion = "v" + cluster.Version,
            ControlPlaneEndpoint = endpoint,
            ImageRepository = KubernetesVersions.ImageRepository,
            CertificatesDir = "/etc/kubernetes/pki",
            Networking = new Networking { PodSubnet = network.PodCidr.ToString(), ServiceSubnet = network.ServiceCidr.ToString(), DnsDomain = network.DnsDomain },
            Etcd = new EtcdConfiguration
            {
                External = new ExternalEtcd
                {
                    Endpoints = [.. context.EtcdClientUrls],
                    CaFile = EtcdPaths.CaCertificate,
                    CertFile = EtcdPaths.ApiServerClientCertificate,
                    KeyFile = EtcdPaths.ApiServerClientKey,
                },
            },
            ApiServer = new ApiServerComponent { ExtraArgs = apiArgs.Count > 0 ? apiArgs : null, ExtraVolumes = volumes.Count > 0 ? volumes : null, CertSANs = sans.Distinct().ToList() },
            ControllerManager = new ControlPlaneComponent { ExtraArgs = localArgs },
            Scheduler = new ControlPlaneComponent { ExtraArgs = new Dictionary<string, string>(localArgs) },
        };
    }

    private static KubeletConfiguration Kubelet(RenderContext context) => new()
    {
        CgroupDriver = "systemd",
        ClusterDNS = [PlatformTopology.HostAddress(context.Cluster.ClusterNetwork.ServiceCidr, 10).ToString()],
        ClusterDomain = context.Cluster.ClusterNetwork.DnsDomain,
        ServerTLSBootstrap = true, // serving certificates from the cluster CA, rotated (approved by the add-ons phase)
        RotateCertificates = true,
        ContainerRuntimeEndpoint = ContainerRuntimeResource.CriSocket,
        ReadOnlyPort = 0,
        ProtectKernelDefaults = true, // the sysctls it expects are in KubeletSysctlsRenderer's file
        SeccompDefault = true,
        TlsMinVersion = TlsPolicy.MinVersion,
        TlsCipherSuites = [.. TlsPolicy.CipherSuites],
    };

    private static KubeProxyConfiguration KubeProxy(RenderContext context) => new()
    {
        Mode = (context.Model.Find<KubeProxyResource>()?.Mode ?? KubeProxyMode.Iptables) == KubeProxyMode.Ipvs ? "ipvs" : "iptables",
        ClusterCIDR = context.Cluster.ClusterNetwork.PodCidr.ToString(),
        MetricsBindAddress = "127.0.0.1:10249", // CIS: not on every address; Prometheus does not scrape kube-proxy
    };

    private static JoinConfiguration Join(RenderContext context, Machine machine, string endpoint) => new()
    {
        NodeRegistration = Registration(machine),
        CaCertPath = KubernetesPaths.CaCertificate,
        Discovery = new JoinDiscovery
        {
            BootstrapToken = new BootstrapTokenDiscovery { Token = context.Secrets.BootstrapToken, ApiServerEndpoint = endpoint, CaCertHashes = [context.Secrets.CaCertHash] },
        },
        ControlPlane = machine.Role == NodeRole.ControlPlane
            ? new JoinControlPlane
            {
                LocalAPIEndpoint = new ApiEndpoint { AdvertiseAddress = machine.Address.ToString(), BindPort = ApiLoadBalancerResource.ApiServerPort },
                CertificateKey = context.Secrets.CertificateKey,
            }
            : null,
    };
}
