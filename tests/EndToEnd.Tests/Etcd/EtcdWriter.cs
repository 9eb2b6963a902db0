using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Platform.Deployer.Pki;
using Platform.Deployer.State;

namespace Platform.EndToEnd.Tests.Etcd;

/// <summary>
/// A client writing to etcd in a loop through its JSON gateway over TLS, as the API server does: every endpoint known,
/// and a write that finds its member gone is sent to the next one (the same key and value, so a retry is safe). A write
/// fails only when no member accepts it. Bounded in count and time.
/// </summary>
public sealed class EtcdWriter(IReadOnlyList<string> endpoints, X509Certificate2 client, X509Certificate2 ca) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = [client],
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(new X509Certificate2(certificate));
            },
        },
        PooledConnectionLifetime = TimeSpan.FromSeconds(1),
    }) { Timeout = TimeSpan.FromSeconds(3) };

    /// <summary>Writes acknowledged by a member.</summary>
    public int Written { get; private set; }

    /// <summary>Writes no member accepted.</summary>
    public int Failed { get; private set; }

    /// <summary>Writes that went to another member after the first one did not answer.</summary>
    public int FailedOver { get; private set; }

    /// <summary>The last failure, for messages.</summary>
    public string? LastError { get; private set; }

    /// <summary>Writes until <paramref name="stop"/> is cancelled, <paramref name="maxWrites"/> are done or <paramref name="maxTime"/> passes.</summary>
    public async Task RunAsync(CancellationToken stop, int maxWrites, TimeSpan maxTime)
    {
        var deadline = DateTime.UtcNow + maxTime;
        for (var i = 0; i < maxWrites && !stop.IsCancellationRequested && DateTime.UtcNow < deadline; i++)
        {
            var body = JsonSerializer.Serialize(new { key = B64($"/writer/key-{i % 500:000}"), value = B64($"value-{i}") });
            var done = false;
            for (var attempt = 0; attempt < endpoints.Count && !done; attempt++)
            {
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await _http.PostAsync(new Uri($"{endpoints[(i + attempt) % endpoints.Count]}/v3/kv/put"), content, CancellationToken.None);
                    done = response.IsSuccessStatusCode;
                    LastError = done ? LastError : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    LastError = e.Message;
                }

                if (!done && attempt + 1 < endpoints.Count)
                {
                    FailedOver++;
                }
            }

            if (done)
            {
                Written++;
            }
            else
            {
                Failed++;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/> while a writer with the state folder's etcd admin client writes to
    /// <paramref name="endpoints"/> (at most 2,000,000 writes or 10 minutes), <paramref name="settle"/> of writes before and after
    /// it; logs the writer's counts. <c>Outlasted</c>: the writer was still writing when the operation ended.
    /// </summary>
    public static async Task<(T Result, EtcdWriter Writer, bool Outlasted)> WhileWritingAsync<T>(
        StateFolder state, IEnumerable<string> endpoints, Func<Task<T>> operation, Action<string> log, TimeSpan settle = default)
    {
        var (caFile, certFile, keyFile) = DeploymentPki.EtcdAdminClientFiles(state);
        using var client = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        var writer = new EtcdWriter([.. endpoints], client, ca);
        using var stop = new CancellationTokenSource();
        var writing = writer.RunAsync(stop.Token, maxWrites: 2_000_000, maxTime: TimeSpan.FromMinutes(10));
        try
        {
            await Task.Delay(settle);
            var result = await operation();
            var outlasted = !writing.IsCompleted;
            await Task.Delay(settle);
            return (result, writer, outlasted);
        }
        finally
        {
            await stop.CancelAsync();
            await writing;
            log($"writer: {writer.Written} writes acknowledged, {writer.Failed} failed, {writer.FailedOver} sent on to another member ({writer.LastError})");
            writer.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
