using Aspire.Hosting;
using k8s;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Models.Kubeadm;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Host;

public class KubeadmRendererTests
{
    private static readonly Dictionary<string, Type> Types = new()
    {
        ["kubeadm.k8s.io/v1beta3/InitConfiguration"] = typeof(InitConfiguration),
        ["kubeadm.k8s.io/v1beta3/ClusterConfiguration"] = typeof(ClusterConfiguration),
        ["kubeadm.k8s.io/v1beta3/JoinConfiguration"] = typeof(JoinConfiguration),
        ["kubelet.config.k8s.io/v1beta1/KubeletConfiguration"] = typeof(KubeletConfiguration),
        ["kubeproxy.config.k8s.io/v1alpha1/KubeProxyConfiguration"] = typeof(KubeProxyConfiguration),
    };

    [Fact]
    public void Render_FirstControlPlane_InitAndClusterConfigurationForV1303WithExternalEtcdAndTheVip()
    {
        var yaml = RenderedArtifacts.Of(TestModels.Production()).Host("cp-1", KubernetesPaths.KubeadmConfig).Content;

        var documents = KubernetesYaml.LoadAllFromString(yaml, Types, strict: true);

        Assert.Equal([typeof(InitConfiguration), typeof(ClusterConfiguration), typeof(KubeletConfiguration), typeof(KubeProxyConfiguration)], documents.Select(d => d.GetType()));
        var cluster = documents.OfType<ClusterConfiguration>().Single();
        Assert.Contains("kubernetesVersion: v1.30.3", yaml, StringComparison.Ordinal);
        Assert.Equal("10.20.3.5:6443", cluster.ControlPlaneEndpoint);
        Assert.Equal(["https://10.20.1.11:2379", "https://10.20.1.12:2379", "https://10.20.1.13:2379"], cluster.Etcd!.External!.Endpoints);
        Assert.Equal("192.168.0.0/16", cluster.Networking!.PodSubnet);
        Assert.Equal("https://login.example.com/realms/platform", cluster.ApiServer!.ExtraArgs!["oidc-issuer-url"]);
        Assert.Equal("/etc/kubernetes/audit/policy.yaml", cluster.ApiServer.ExtraArgs["audit-policy-file"]);
        Assert.Contains("10.20.3.5", cluster.ApiServer.CertSANs!);
        Assert.Equal(["10.96.0.10"], documents.OfType<KubeletConfiguration>().Single().ClusterDNS);
        Assert.Equal("systemd", documents.OfType<KubeletConfiguration>().Single().CgroupDriver);
        Assert.Contains("clusterDNS:", yaml, StringComparison.Ordinal);
        Assert.Contains("localAPIEndpoint:", yaml, StringComparison.Ordinal);
        Snapshot.Match("Hosting.Tests", "host/cp-1.kubeadm-config.yaml", yaml);
    }

    [Fact]
    public void Render_OtherNodes_JoinPinningTheCaAndOnlyControlPlanesJoinAsSuch()
    {
        var rendered = RenderedArtifacts.Of(TestModels.Production());

        var cp2 = (JoinConfiguration)KubernetesYaml.LoadAllFromString(rendered.Host("cp-2", KubernetesPaths.KubeadmConfig).Content, Types, strict: true).Single();
        var worker = (JoinConfiguration)KubernetesYaml.LoadAllFromString(rendered.Host("worker-1", KubernetesPaths.KubeadmConfig).Content, Types, strict: true).Single();

        Assert.Equal("10.20.3.5:6443", cp2.Discovery!.BootstrapToken!.ApiServerEndpoint);
        Assert.Equal(["${KUBEADM_CA_CERT_HASH}"], cp2.Discovery.BootstrapToken.CaCertHashes);
        Assert.Equal("10.20.1.12", cp2.ControlPlane!.LocalAPIEndpoint!.AdvertiseAddress);
        Assert.Null(worker.ControlPlane);
        Assert.Equal("10.20.2.11", worker.NodeRegistration!.KubeletExtraArgs!["node-ip"]);
        Assert.DoesNotContain(rendered.All, a => a.Target.StartsWith("lb-", StringComparison.Ordinal) && a.Component == Components.Kubeadm);
        Snapshot.Match("Hosting.Tests", "host/worker-1.kubeadm-config.yaml", rendered.Host("worker-1", KubernetesPaths.KubeadmConfig).Content);
    }

    [Fact]
    public void Render_ApiServer_EncryptsSecretsWithTheConfigFromAMountedFolder()
    {
        var yaml = RenderedArtifacts.Of(TestModels.Production()).Host("cp-1", KubernetesPaths.KubeadmConfig).Content;

        var cluster = KubernetesYaml.LoadAllFromString(yaml, Types, strict: true).OfType<ClusterConfiguration>().Single();

        Assert.Equal(KubernetesPaths.EncryptionConfig, cluster.ApiServer!.ExtraArgs!["encryption-provider-config"]);
        var mount = Assert.Single(cluster.ApiServer.ExtraVolumes!, v => v.Name == "encryption");
        Assert.Equal((KubernetesPaths.EncryptionDirectory, KubernetesPaths.EncryptionDirectory, true), (mount.HostPath, mount.MountPath, mount.ReadOnly));
    }

    [Fact]
    public void Render_Hardening_CisSettingsOnEveryComponent()
    {
        var documents = KubernetesYaml.LoadAllFromString(RenderedArtifacts.Of(TestModels.Production()).Host("cp-1", KubernetesPaths.KubeadmConfig).Content, Types, strict: true);
        var cluster = documents.OfType<ClusterConfiguration>().Single();
        var kubelet = documents.OfType<KubeletConfiguration>().Single();
        var proxy = documents.OfType<KubeProxyConfiguration>().Single();
        var init = documents.OfType<InitConfiguration>().Single();
        string[] modern = ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"];

        var api = cluster.ApiServer!.ExtraArgs!;
        Assert.Equal(("false", "VersionTLS12"), (api["profiling"], api["tls-min-version"]));
        Assert.All(api["tls-cipher-suites"].Split(','), c => Assert.Contains(c, modern));
        Assert.Equal(KubernetesPaths.AdmissionConfig, api["admission-control-config-file"]);
        Assert.Contains(cluster.ApiServer.ExtraVolumes!, v => v.HostPath == KubernetesPaths.AdmissionDirectory && v.ReadOnly == true);
        Assert.DoesNotContain("anonymous-auth", api.Keys); // kubeadm's probes need it; the README says why
        foreach (var component in new[] { cluster.ControllerManager!, cluster.Scheduler! })
        {
            Assert.Equal(("127.0.0.1", "false"), (component.ExtraArgs!["bind-address"], component.ExtraArgs["profiling"]));
        }

        Assert.Equal((0, true, true, true, true), (kubelet.ReadOnlyPort, kubelet.ProtectKernelDefaults, kubelet.SeccompDefault, kubelet.ServerTLSBootstrap, kubelet.RotateCertificates));
        Assert.Equal("VersionTLS12", kubelet.TlsMinVersion);
        Assert.All(kubelet.TlsCipherSuites!, c => Assert.Contains(c, modern));
        Assert.StartsWith("127.0.0.1:", proxy.MetricsBindAddress, StringComparison.Ordinal);
        Assert.Equal("1h0m0s", init.BootstrapTokens!.Single().Ttl); // not kubeadm's 24 h: the joins follow init within minutes
    }

    [Fact]
    public void Render_KubeletSysctls_WhatProtectKernelDefaultsChecks_OnKubernetesNodesOnly()
    {
        var rendered = RenderedArtifacts.Of(TestModels.Production());

        var files = rendered.All.Where(a => a.HostPath == KubernetesPaths.KubeletSysctls).ToList();

        Assert.Equal(["cp-1", "cp-2", "cp-3", "worker-1", "worker-2", "worker-3"], files.Select(f => f.Target));
        Assert.All(files, f => Assert.Equal(Components.KubernetesPackages, f.Component));
        var values = files[0].Content.Split('\n').Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        Assert.Equal(("1", "0", "10", "1"), (values["vm.overcommit_memory"], values["vm.panic_on_oom"], values["kernel.panic"], values["kernel.panic_on_oops"]));
    }

    [Fact]
    public void Render_SmallSetupWithoutLoadBalancer_EndpointIsTheOnlyControlPlane()
    {
        var yaml = RenderedArtifacts.Of(TestModels.Small()).Host("cp-1", KubernetesPaths.KubeadmConfig).Content;

        var cluster = KubernetesYaml.LoadAllFromString(yaml, Types, strict: true).OfType<ClusterConfiguration>().Single();

        Assert.Equal("10.30.1.11:6443", cluster.ControlPlaneEndpoint);
    }

    [Fact]
    public void Render_Deploy_SecretsAreFilledAndPublishKeepsReferences()
    {
        var model = TestModels.Production().BuildModel();
        var secrets = new PlatformSecrets { BootstrapToken = "abcdef.0123456789abcdef", CertificateKey = new string('a', 64), CaCertHash = "sha256:" + new string('b', 64) };

        var deployed = RenderedArtifacts.Of(new RenderContext(model, model.PlanTopology(), secrets)).Host("cp-2", KubernetesPaths.KubeadmConfig).Content;
        var published = RenderedArtifacts.Of(RenderContext.ForPublish(model)).All.Where(a => a.Component == Components.Kubeadm).Select(a => a.Content);

        Assert.Contains("token: abcdef.0123456789abcdef", deployed, StringComparison.Ordinal);
        Assert.All(published, c => Assert.DoesNotContain("abcdef.0123456789abcdef", c, StringComparison.Ordinal));
        Assert.All(published, c => Assert.Contains("${KUBEADM_", c, StringComparison.Ordinal));
    }
}
