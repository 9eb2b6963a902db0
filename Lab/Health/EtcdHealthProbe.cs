using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Pki;
using Platform.Deployer.State;

namespace Platform.Lab.Health;

/// <summary>
/// Asks each etcd member for its health over TLS, as etcdctl does: <c>GET https://ADDRESS:2379/health</c> with the
/// admin client certificate, trusting only the deployment's etcd CA.
/// </summary>
public sealed class EtcdHealthProbe : IDisposable
{
    private readonly HttpClient _client;

    private EtcdHealthProbe(X509Certificate2 ca, X509Certificate2 client, TimeSpan? timeout)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [client],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => certificate is not null && IsIssuedBy(certificate, ca, errors),
            },
        };
        _client = new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(3) };
    }

    /// <summary>A probe with a deployment's etcd CA and admin client certificate, or null when the deployment has not issued them yet.</summary>
    public static EtcdHealthProbe? For(StateFolder state, TimeSpan? timeout = null)
    {
        var (caFile, certificateFile, keyFile) = DeploymentPki.EtcdAdminClientFiles(state);
        return File.Exists(caFile) && File.Exists(certificateFile) && File.Exists(keyFile)
            ? new EtcdHealthProbe(X509Certificate2.CreateFromPem(File.ReadAllText(caFile)), X509Certificate2.CreateFromPemFile(certificateFile, keyFile), timeout)
            : null;
    }

    /// <summary>True when the member at <paramref name="address"/> says it is healthy; otherwise why not.</summary>
    public async Task<(bool Healthy, string Detail)> CheckAsync(IPAddress address, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetAsync(new Uri($"https://{address}:{EtcdClusterResource.ClientPort}/health"), cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var json = JsonDocument.Parse(body);
            var healthy = response.IsSuccessStatusCode && json.RootElement.TryGetProperty("health", out var h) && h.GetString() == "true";
            return (healthy, healthy ? "healthy" : $"unhealthy ({body.Trim()})");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or IOException)
        {
            return (false, e is TaskCanceledException ? $"no answer within {_client.Timeout.TotalSeconds:0} s" : e.Message);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static bool IsIssuedBy(X509Certificate certificate, X509Certificate2 ca, SslPolicyErrors errors)
    {
        if ((errors & ~(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        // The members' certificates name their addresses; the chain must end at the deployment's own CA.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate)) && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
    }
}
