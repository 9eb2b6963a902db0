using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Docker.DotNet;
using Platform.Deployer.Pki;
using Platform.Deployer.State;

namespace Platform.Lab.Machines;

/// <summary>
/// Whether a machines lab is up, checked from this host as a person would check it: every machine's container
/// running and its sshd answering, etcd healthy over TLS on every member (with the deployment's admin client
/// certificate, the server checked against the deployment's etcd CA), and HAProxy answering /healthz on the VIP.
/// The lab benchmark measures up to this; a lab resource can use it as its health check.
/// </summary>
public sealed class LabReadiness(MachineLab lab, PlatformModel model, StateFolder state)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);
    private readonly UntilSshAnswers _ssh = new();

    /// <summary>How often <see cref="WaitAsync"/> looks again.</summary>
    public static TimeSpan PollInterval { get; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Checks everything once, all at the same time.</summary>
    public async Task<LabReadinessReport> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var machines = Task.WhenAll(lab.Machines.Select(m => MachineAsync(m, cancellationToken)));
        var etcd = EtcdAsync(cancellationToken);
        var vip = model.Find<ApiLoadBalancerResource>() is { } api ? VipAsync(api, cancellationToken) : Task.FromResult<string?>(null);
        var problems = (await machines.ConfigureAwait(false)).Concat(await etcd.ConfigureAwait(false)).Append(await vip.ConfigureAwait(false));
        return new LabReadinessReport(problems.OfType<string>().ToList());
    }

    /// <summary>Probes until the lab is ready or <paramref name="timeout"/> has passed; returns the last report.</summary>
    public async Task<LabReadinessReport> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var report = await ProbeAsync(cancellationToken).ConfigureAwait(false);
            if (report.IsReady || DateTime.UtcNow >= deadline)
            {
                return report;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string?> MachineAsync(LabMachine machine, CancellationToken cancellationToken)
    {
        try
        {
            if (!await lab.IsRunningAsync(machine.Name, cancellationToken).ConfigureAwait(false))
            {
                return $"{machine.Name}: container not running";
            }
        }
        catch (DockerApiException e)
        {
            return $"{machine.Name}: the engine cannot say whether it runs ({e.StatusCode})";
        }

        return await _ssh.UntilAsync(lab, machine, cancellationToken).ConfigureAwait(false) ? null : $"{machine.Name}: sshd does not answer on 127.0.0.1:{machine.SshPort}";
    }

    private async Task<IReadOnlyList<string?>> EtcdAsync(CancellationToken cancellationToken)
    {
        var members = model.Find<EtcdClusterResource>() is null ? [] : lab.Machines.Where(m => m.Machine.Role == NodeRole.ControlPlane).ToList();
        if (members.Count == 0)
        {
            return [];
        }

        var (caFile, certificateFile, keyFile) = DeploymentPki.EtcdAdminClientFiles(state);
        if (!File.Exists(caFile) || !File.Exists(certificateFile) || !File.Exists(keyFile))
        {
            return [$"etcd: no admin client certificate in {state.EtcdPkiDirectory} yet"];
        }

        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        using var client = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        return await Task.WhenAll(members.Select(async m =>
        {
            using var http = Client(new SslClientAuthenticationOptions
            {
                ClientCertificates = [client],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedBy(ca, certificate, errors),
            });
            var url = new Uri($"https://{m.Machine.Address}:{EtcdClusterResource.ClientPort}/health");
            return await GetAsync(http, url, $"{m.Name}: etcd", SaysHealthy, cancellationToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
    }

    /// <summary>etcd answers {"health":"true"} only with a leader and a quorum read.</summary>
    private static bool SaysHealthy(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("health").GetString() == "true";
    }

    private static async Task<string?> VipAsync(ApiLoadBalancerResource api, CancellationToken cancellationToken)
    {
        using var http = Client(null);
        return await GetAsync(http, new Uri($"http://{api.VirtualIp.Address}:{ApiLoadBalancerResource.StatsPort}/healthz"), "VIP HAProxy", _ => true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Null when <paramref name="url"/> answers 2xx with a body <paramref name="healthy"/> accepts, else the problem.</summary>
    private static async Task<string?> GetAsync(HttpClient http, Uri url, string what, Func<string, bool> healthy, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode && healthy(body) ? null : $"{what} {url}: {(int)response.StatusCode} {body.Trim()}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return $"{what} {url}: {e.Message}";
        }
    }

    /// <summary>A client that sends only to the lab's own addresses: no proxy, no pooled connections between probes.</summary>
    private static HttpClient Client(SslClientAuthenticationOptions? ssl) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectTimeout = RequestTimeout,
        PooledConnectionLifetime = TimeSpan.Zero,
        SslOptions = ssl ?? new SslClientAuthenticationOptions(),
    })
    {
        Timeout = RequestTimeout,
    };

    /// <summary>The etcd server's certificate names this address and chains to the deployment's etcd CA, and only to it.</summary>
    private static bool TrustedBy(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return certificate is X509Certificate2 server && chain.Build(server);
    }
}
