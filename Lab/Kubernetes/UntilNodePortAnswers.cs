using System.Net.Sockets;
using k8s;

namespace Platform.Lab.Kubernetes;

/// <summary>
/// A published NodePort answers HTTP on this machine. Any status counts (the ingress controller answers 404 without
/// an Ingress, Grafana redirects to its login); certificates are not checked (ECK's are self-signed).
/// </summary>
/// <param name="url">The published address, e.g. <c>http://127.0.0.1:41234</c>.</param>
/// <param name="what">What answers there, for messages (e.g. <c>grafana ui on NodePort 30300</c>).</param>
public sealed class UntilNodePortAnswers(Uri url, string what) : UntilClusterCondition
{
    /// <inheritdoc />
    public override string Description => $"{what} to answer at {url}";

    /// <inheritdoc />
    public override string Hint => "Check that its Service is a NodePort with that port and that its pods are ready.";

    /// <inheritdoc />
    public override async Task<(bool Ready, string Seen)> CheckAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            return (true, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, e.InnerException?.Message ?? e.Message);
        }
    }
}
