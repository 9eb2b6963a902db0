using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Health;

/// <summary>
/// Asks each etcd member for its health over TLS, as etcdctl does: <c>GET https://ADDRESS:2379/health</c> with the
/// admin client certificate, trusting only the deployment's etcd CA.
/// </summary>
public sealed class EtcdHealthProbe : IDisposable
{
    private readonly HttpClient _client;

    /// <summary>Creates a probe from the etcd PKI folder of a deployment's state (ca.crt, admin-client.crt/.key).</summary>
    public EtcdHealthProbe(string etcdPkiDirectory, TimeSpan? timeout = null)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(etcdPkiDirectory, "ca.crt")));
        var client = X509Certificate2.CreateFromPemFile(Path.Combine(etcdPkiDirectory, "admin-client.crt"), Path.Combine(etcdPkiDirectory, "admin-client.key"));
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
