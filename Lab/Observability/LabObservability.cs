using System.Text;
using Aspire.Hosting.ApplicationModel;
using Docker.DotNet;
using Platform.Hosting.Publishing.Renderers.Cluster;
using Platform.Lab.Machines;
using Platform.Lab.Monitoring;

namespace Platform.Lab.Observability;

/// <summary>
/// Grafana, Elasticsearch, Kibana and Fluent Bit running in the machines lab (<see cref="LabObservabilityPlan"/>), or
/// for each that is not, why: the image the engine lacks and how to load it. A missing image stops only its service.
/// </summary>
public sealed class LabObservability
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

    private LabObservability(IReadOnlyDictionary<string, IReadOnlyList<LabServiceContainer>> running, IReadOnlyDictionary<string, string> notStarted)
    {
        Running = running;
        NotStarted = notStarted;
    }

    /// <summary>The containers started, by resource name (Fluent Bit has one per machine).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LabServiceContainer>> Running { get; }

    /// <summary>The services not started, by resource name, and why: which image is missing, from which engine, and how to load it.</summary>
    public IReadOnlyDictionary<string, string> NotStarted { get; }

    /// <summary>What a resource says when the engine lacks its image: the image, the engine, and how to load it.</summary>
    public static string ImageMissing(string image, Uri engine)
    {
        var file = image[(image.LastIndexOf('/') + 1)..].Replace(':', '-') + ".tar";
        return $"The image {image} is not in the container engine {engine}, and the lab does not pull images. Load it: where a registry is reachable, " +
               $"'podman pull {image}' and 'podman save -o {file} {image}'; here, 'podman load -i {file}' (docker load with Docker); then run the lab again. The rest of the lab runs without it.";
    }

    /// <summary>Starts every service whose image is present; Elasticsearch gets the index template and Kibana its data view once they answer (in the background).</summary>
    public static async Task<LabObservability> StartAsync(MachineLab lab, PlatformModel model, LabMonitoring monitoring, string grafanaPassword, Action<string, string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(log);
        var running = new Dictionary<string, List<LabServiceContainer>>(StringComparer.Ordinal);
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (resource, service) in LabObservabilityPlan.Create(model, monitoring, grafanaPassword))
        {
            if (missing.ContainsKey(resource))
            {
                continue;
            }

            if (!await lab.HasImageAsync(service.Image, cancellationToken).ConfigureAwait(false))
            {
                missing[resource] = ImageMissing(service.Image, lab.Configuration.Engine);
                continue;
            }

            try
            {
                await lab.StartServiceAsync(service, cancellationToken).ConfigureAwait(false);
                (running.TryGetValue(resource, out var started) ? started : running[resource] = []).Add(service);
                log(resource, $"started {service.Image} at {service.Address}:{service.Port}");
            }
            catch (DockerApiException e)
            {
                missing[resource] = $"Starting {service.Image} at {service.Address} failed: {e.ResponseBody?.Trim() ?? e.Message} The rest of the lab runs without it.";
            }
        }

        if (model.Find<ElasticsearchResource>() is { } es && running.TryGetValue(es.Name, out var elasticsearch) && elasticsearch is [var esService])
        {
            _ = ProvisionAsync(es.Name, log, new Uri(esService.Url, $"_index_template/{LabObservabilityPlan.IndexTemplateName}"), HttpMethod.Put, LabObservabilityPlan.IndexTemplate(), cancellationToken);
        }

        if (model.Find<KibanaResource>() is { } kb && running.TryGetValue(kb.Name, out var kibana) && kibana is [var kibanaService])
        {
            var dataView = $$"""{"data_view":{"title":"{{FluentBitRenderer.IndexPrefix}}-*","timeFieldName":"@timestamp"},"override":true}""";
            _ = ProvisionAsync(kb.Name, log, new Uri(kibanaService.Url, "api/data_views/data_view"), HttpMethod.Post, dataView, cancellationToken);
        }

        return new LabObservability(running.ToDictionary(r => r.Key, r => (IReadOnlyList<LabServiceContainer>)r.Value), missing);
    }

    /// <summary>Sends one provisioning request once the service answers it (Elasticsearch and Kibana take a minute or more to start); 5 minutes at most.</summary>
    private static async Task ProvisionAsync(string resource, Action<string, string> log, Uri url, HttpMethod method, string json, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        string last = "no answer";
        while (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                request.Headers.Add("kbn-xsrf", "platform-lab"); // Kibana refuses writes without it; Elasticsearch ignores it
                using var response = await Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    log(resource, $"provisioned: {method} {url.AbsolutePath}");
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = e.Message;
            }

            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
        }

        log(resource, $"not provisioned within 5 minutes: {method} {url} ({last})");
    }
}
