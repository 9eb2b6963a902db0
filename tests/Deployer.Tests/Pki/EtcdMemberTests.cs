using Aspire.Hosting;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Platform.Deployer.Pki;
using Platform.Deployer.State;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Renderers.Host;
using Platform.Testing;

namespace Platform.Deployer.Tests.Pki;

/// <summary>
/// A real etcd (Debian's 3.4 here) run from the rendered environment file with the certificates the
/// Deployer places, and the rendered snapshot and restore scripts run against it. One member on
/// 127.0.0.2, since every member listens on the same well-known ports.
/// </summary>
public sealed class EtcdMemberTests : IDisposable
{
    private readonly TempFolder _dir = new("platform-etcd");

    public void Dispose() => _dir.Dispose();

    [RequiresToolFact("etcd", "etcdctl")]
    public async Task RenderedMember_ServesTlsAndRefusesClientsWithoutACertificate()
    {
        using var etcd = Start(out var files);

        var health = await LocalEtcd.EtcdctlUntilAsync([.. Client(files), "endpoint", "health"], TimeSpan.FromSeconds(30));
        var members = await LocalEtcd.EtcdctlAsync([.. Client(files), "member", "list"]);
        var noCert = await LocalEtcd.EtcdctlAsync(["--endpoints=https://127.0.0.2:2379", $"--cacert={files["ca.crt"]}", "endpoint", "health"]);
        var plain = await LocalEtcd.EtcdctlAsync(["--endpoints=http://127.0.0.2:2379", "endpoint", "health"]);

        Assert.True(health.ExitCode == 0, health.Output + etcd.Log);
        Assert.Contains("cp-1", members.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, noCert.ExitCode);
        Assert.NotEqual(0, plain.ExitCode);
    }

    [RequiresToolFact("etcd", "etcdctl")]
    public async Task RenderedMember_RefusesTls12WithCbcCiphers_AcceptsEcdheAead()
    {
        using var etcd = Start(out var files);
        Assert.True((await LocalEtcd.EtcdctlUntilAsync([.. Client(files), "endpoint", "health"], TimeSpan.FromSeconds(30))).ExitCode == 0, etcd.Log);
        using var client = X509Certificate2.CreateFromPemFile(files["admin-client.crt"], files["admin-client.key"]);

        // What Go offers by default for TLS 1.2 and the rendered ETCD_CIPHER_SUITES leaves out.
        var cbc = await HandshakeAsync(client, [TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA]);
        var aead = await HandshakeAsync(client, null);

        Assert.True(cbc.Error is not null, $"etcd accepted TLS 1.2 with {cbc.Cipher}");
        Assert.True(aead.Error is null, aead.Error + etcd.Log);
        Assert.Contains(aead.Cipher.ToString(), TlsPolicy.CipherSuites);
    }

    /// <summary>A TLS 1.2 handshake with etcd's client port offering only <paramref name="ciphers"/> (null: the system's).</summary>
    private static async Task<(TlsCipherSuite Cipher, string? Error)> HandshakeAsync(X509Certificate2 client, TlsCipherSuite[]? ciphers)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Parse("127.0.0.2"), EtcdClusterResource.ClientPort).WaitAsync(TimeSpan.FromSeconds(5));
        using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true); // the cipher, not the chain, is under test
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.2",
                EnabledSslProtocols = SslProtocols.Tls12,
                CipherSuitesPolicy = ciphers is null ? null : new CipherSuitesPolicy(ciphers),
                ClientCertificates = [client],
            }).WaitAsync(TimeSpan.FromSeconds(10));
            return (tls.NegotiatedCipherSuite, null);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return (default, e.Message);
        }
    }

    [RequiresToolFact("etcd", "etcdctl", "bash")]
    public async Task SnapshotScript_KeepsTheNewestAndRecordsTheMetric_RestoreBringsDataBack()
    {
        var rendered = Render();
        var snapshot = RenderedArtifactsFile(rendered, EtcdSnapshotRenderer.SnapshotScriptPath);
        var restore = RenderedArtifactsFile(rendered, EtcdSnapshotRenderer.RestoreScriptPath);
        var env = new Dictionary<string, string>();
        using (var etcd = Start(out var files))
        {
            Assert.True((await LocalEtcd.EtcdctlUntilAsync([.. Client(files), "put", "platform/key", "before"], TimeSpan.FromSeconds(30))).ExitCode == 0, etcd.Log);
            env = new Dictionary<string, string>
            {
                ["ETCDCTL_ENDPOINTS"] = "https://127.0.0.2:2379",
                ["ETCDCTL_CACERT"] = files["ca.crt"],
                ["ETCDCTL_CERT"] = files["admin-client.crt"],
                ["ETCDCTL_KEY"] = files["admin-client.key"],
                ["ETCD_SNAPSHOT_DIR"] = _dir.Combine("snapshots"),
                ["ETCD_SNAPSHOT_KEEP"] = "2",
                ["ETCD_SNAPSHOT_COPY_TO"] = "",
                ["ETCD_SNAPSHOT_TEXTFILE"] = _dir.Combine("textfile", "etcd_snapshot.prom"),
            };
            for (var i = 0; i < 3; i++)
            {
                var run = await ProcessRunner.RunAsync("bash", [snapshot], environment: env);
                Assert.True(run.ExitCode == 0, run.Output);
            }

            await LocalEtcd.EtcdctlAsync([.. Client(files), "put", "platform/key", "after"]);
        }

        var kept = Directory.GetFiles(_dir.Combine("snapshots"), "etcd-*.db");
        Assert.Equal(2, kept.Length);
        Assert.Contains($"{EtcdSnapshotMetrics.LastSuccessTimestamp} ", File.ReadAllText(env["ETCD_SNAPSHOT_TEXTFILE"]), StringComparison.Ordinal);

        var restored = await ProcessRunner.RunAsync("bash", [restore, kept.Max()!], environment: new Dictionary<string, string>
        {
            ["ETCD_ENV_FILE"] = _dir.Combine("etcd.env"),
            ["ETCD_RESTORE_SYSTEMCTL"] = "true",
        });
        Assert.True(restored.ExitCode == 0, restored.Output);
        Assert.Single(Directory.GetDirectories(_dir.Path, "data.before-restore-*"));

        using var again = LocalEtcd.Start(_dir.Combine("etcd.env"));
        var value = await LocalEtcd.EtcdctlUntilAsync([.. Client(Files()), "get", "platform/key", "--print-value-only"], TimeSpan.FromSeconds(30));
        Assert.Equal("before", value.Output.Trim());
    }

    private LocalEtcd Start(out Dictionary<string, string> files)
    {
        Render();
        files = Files();
        return LocalEtcd.Start(_dir.Combine("etcd.env"));
    }

    private IReadOnlyList<Artifact> Render()
    {
        var model = SmallModel();
        var topology = new PlatformTopology([model.PlanTopology().ControlPlanes.Single() with { Address = IPAddress.Parse("127.0.0.2") }]);
        var rendered = ArtifactRenderers.RenderAll(new RenderContext(model, topology, PlatformSecrets.References));
        var machine = topology.ControlPlanes.Single();

        // The exact files the Deployer places, with /etc/etcd/pki moved into the test folder.
        var pki = new DeploymentPki(new StateFolder(_dir.Combine("state")));
        foreach (var file in pki.EtcdFiles(machine))
        {
            File.WriteAllBytes(_dir.Combine(Path.GetFileName(file.Path)), file.Content);
        }

        var env = rendered.Single(a => a.HostPath == EtcdPaths.EnvironmentFile).Content
            .Replace(EtcdPaths.PkiDirectory, _dir.Path, StringComparison.Ordinal)
            .Replace(EtcdPaths.DataDirectory, _dir.Combine("data"), StringComparison.Ordinal);
        File.WriteAllText(_dir.Combine("etcd.env"), env);
        return rendered;
    }

    private string RenderedArtifactsFile(IReadOnlyList<Artifact> rendered, string hostPath)
    {
        var path = _dir.Combine(Path.GetFileName(hostPath));
        File.WriteAllText(path, rendered.First(a => a.HostPath == hostPath).Content);
        return path;
    }

    private Dictionary<string, string> Files() => new[] { "ca.crt", "admin-client.crt", "admin-client.key" }.ToDictionary(n => n, n => _dir.Combine(n));

    private static string[] Client(Dictionary<string, string> files) =>
        ["--endpoints=https://127.0.0.2:2379", $"--cacert={files["ca.crt"]}", $"--cert={files["admin-client.crt"]}", $"--key={files["admin-client.key"]}"];

    private static PlatformModel SmallModel()
    {
        var builder = DeployerTestModels.Lab(controlPlanes: 1, workers: 1, loadBalancers: 0);
        builder.CreateResourceBuilder(builder.Resources.OfType<EtcdClusterResource>().Single()).AddSnapshots(TimeSpan.FromHours(1), keep: 2);
        return builder.BuildModel();
    }
}
