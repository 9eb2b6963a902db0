using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Kubernetes;

/// <summary>
/// Server-side apply of any object through KubernetesClient: the kind's resource path comes from API
/// discovery (cached), so CRDs installed a moment ago work as soon as they are Established.
/// </summary>
public sealed class ClusterObjectApplier(k8s.Kubernetes client, string fieldManager = "platform-lab")
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, (string Plural, bool Namespaced)>> _discovery = new();

    /// <summary>Applies one object (create or update), forcing ownership of conflicting fields.</summary>
    public async Task ApplyAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken cancellationToken)
    {
        var (plural, namespaced) = await ResolveAsync(item.ApiVersion, item.Kind, cancellationToken).ConfigureAwait(false);
        var ns = namespaced ? item.Metadata.NamespaceProperty ?? "default" : null;
        var prefix = item.ApiVersion.Contains('/') ? $"apis/{item.ApiVersion}" : $"api/{item.ApiVersion}";
        var path = ns is null ? $"{prefix}/{plural}/{item.Metadata.Name}" : $"{prefix}/namespaces/{ns}/{plural}/{item.Metadata.Name}";
        var body = KubernetesJson.Serialize(item);
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(client.BaseUri, $"{path}?fieldManager={fieldManager}&force=true"))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml");
        using var response = await client.HttpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new PlatformException($"Applying {item.Kind} {(ns is null ? "" : ns + "/")}{item.Metadata.Name} failed: {(int)response.StatusCode} {Message(detail)}");
        }
    }

    /// <summary>Forgets discovery results, after CRDs were added.</summary>
    public void Refresh() => _discovery.Clear();

    private async Task<(string Plural, bool Namespaced)> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (!_discovery.TryGetValue(apiVersion, out var resources))
            {
                resources = await DiscoverAsync(apiVersion, cancellationToken).ConfigureAwait(false);
                _discovery[apiVersion] = resources;
            }

            if (resources.TryGetValue(kind, out var found))
            {
                return found;
            }

            _discovery.TryRemove(apiVersion, out _);
        }

        throw new PlatformException($"The cluster serves no kind {kind} in {apiVersion}. Its CRD must be applied (and Established) first.");
    }

    private async Task<IReadOnlyDictionary<string, (string, bool)>> DiscoverAsync(string apiVersion, CancellationToken cancellationToken)
    {
        var path = apiVersion.Contains('/') ? $"apis/{apiVersion}" : $"api/{apiVersion}";
        using var response = await client.HttpClient.GetAsync(new Uri(client.BaseUri, path), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new Dictionary<string, (string, bool)>();
        }

        response.EnsureSuccessStatusCode();
        var list = await JsonSerializer.DeserializeAsync<V1APIResourceList>(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        return (list?.Resources ?? []).Where(r => !r.Name.Contains('/')).GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => (g.First().Name, g.First().Namespaced));
    }

    private static string Message(string status)
    {
        try
        {
            return JsonDocument.Parse(status).RootElement.GetProperty("message").GetString() ?? status;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return status;
        }
    }
}
