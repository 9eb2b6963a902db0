using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults;

namespace Platform.Lab.Telemetry;

/// <summary>
/// Sends the lab's and the Deployer's spans and metrics from the AppHost process to the Aspire dashboard's OTLP
/// endpoint, so its Traces and Metrics views show every phase and host step. Aspire injects OTLP settings only into
/// child resources, never into the AppHost itself, and the endpoint is known only once the dashboard's endpoints are
/// allocated (Aspire.Hosting.Testing picks random ports): the providers are built then, and the lab waits for them.
/// </summary>
public sealed class AppHostTelemetry : IDisposable
{
    /// <summary>The service name the dashboard shows for this telemetry.</summary>
    public const string ServiceName = "platform";

    private const string DashboardResource = "aspire-dashboard";
    private const string DashboardOtlpEndpoint = "otlp-grpc";
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TracerProvider? _tracing;
    private MeterProvider? _metrics;

    /// <summary>Completes once spans and metrics go to the dashboard.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Registers the telemetry in run mode, unless the AppHost runs without a dashboard (tests by default).</summary>
    internal static void Add(IDistributedApplicationBuilder builder)
    {
        if (builder.Services.FirstOrDefault(s => s.ServiceType == typeof(DistributedApplicationOptions))?.ImplementationInstance is DistributedApplicationOptions { DisableDashboard: true })
        {
            return;
        }

        var telemetry = new AppHostTelemetry();
        builder.Services.AddSingleton(telemetry);
        builder.Eventing.Subscribe<ResourceEndpointsAllocatedEvent>((e, _) =>
        {
            if (e.Resource.Name == DashboardResource && e.Resource is IResourceWithEndpoints dashboard)
            {
                telemetry.Start(new Uri(dashboard.GetEndpoint(DashboardOtlpEndpoint).Url), builder.Configuration["AppHost:OtlpApiKey"]);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Flushes what is left and stops.</summary>
    public void Dispose()
    {
        _tracing?.Dispose();
        _metrics?.Dispose();
    }

    private void Start(Uri endpoint, string? apiKey)
    {
        void Configure(OtlpExporterOptions options)
        {
            options.Endpoint = endpoint;
            options.Protocol = OtlpExportProtocol.Grpc;
            if (apiKey is { Length: > 0 })
            {
                options.Headers = $"x-otlp-api-key={apiKey}";
            }
        }

        var resource = ResourceBuilder.CreateDefault().AddService(ServiceName);
        _tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource([.. PlatformTelemetry.SourceNames]).AddOtlpExporter(Configure).Build();
        _metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(PlatformTelemetry.Meter.Name).AddOtlpExporter((exporter, reader) =>
        {
            Configure(exporter);
            // A lab comes up in seconds: the default minute between exports would show its metrics late.
            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5_000;
        }).Build();
        _ready.TrySetResult();
    }
}
