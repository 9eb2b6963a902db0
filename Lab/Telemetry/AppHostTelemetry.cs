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
/// endpoint, so its Traces and Metrics views show every phase and host step. Aspire injects OTLP settings only
/// into child resources, never into the AppHost itself.
/// </summary>
internal static class AppHostTelemetry
{
    /// <summary>The service name the dashboard shows for this telemetry.</summary>
    public const string ServiceName = "platform";

    public static void Add(IDistributedApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"];
        if (string.IsNullOrEmpty(endpoint))
        {
            return;
        }

        void Configure(OtlpExporterOptions options)
        {
            options.Endpoint = new Uri(endpoint);
            options.Protocol = OtlpExportProtocol.Grpc;
            // Read when the exporter is built: the AppHost sets the key during start-up.
            if (builder.Configuration["AppHost:OtlpApiKey"] is { Length: > 0 } key)
            {
                options.Headers = $"x-otlp-api-key={key}";
            }
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddSource([.. PlatformTelemetry.SourceNames]).AddOtlpExporter(Configure))
            .WithMetrics(metrics => metrics.AddMeter(PlatformTelemetry.Meter.Name).AddOtlpExporter(Configure));

        // OpenTelemetry's hosted service starts after Aspire's: without this, spans from InitializeResourceEvent have no listener.
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            e.Services.GetService<TracerProvider>();
            e.Services.GetService<MeterProvider>();
            return Task.CompletedTask;
        });
    }
}
