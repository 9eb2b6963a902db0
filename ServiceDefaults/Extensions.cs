using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>
/// Adds the defaults every Platform process shares: OpenTelemetry logs, traces and metrics (exported
/// over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set), health checks, and resilient HttpClients.
/// </summary>
public static class Extensions
{
    /// <summary>The liveness endpoint.</summary>
    public const string AlivePath = "/alive";

    /// <summary>The readiness endpoint.</summary>
    public const string HealthPath = "/health";

    /// <summary>Adds telemetry, health checks, service discovery and HTTP resilience.</summary>
    /// <example><code>var builder = WebApplication.CreateBuilder(args); builder.AddServiceDefaults();</code></example>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>Adds OpenTelemetry logging, tracing (Platform's sources, ASP.NET Core, HttpClient) and metrics.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PlatformTelemetry.Meter.Name))
            .WithTracing(tracing => tracing
                .AddSource([.. PlatformTelemetry.SourceNames])
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments(HealthPath) && !context.Request.Path.StartsWithSegments(AlivePath))
                .AddHttpClientInstrumentation());

        if (IsOtlpConfigured(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Adds a liveness check tagged "live".</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>Maps /health (every check) and /alive (checks tagged "live").</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        return app;
    }

    /// <summary>
    /// Telemetry for command-line runs (publish, deploy) that have no host: a tracer and meter provider
    /// for Platform's sources, exporting over OTLP only when the endpoint variable is set. Dispose it to flush.
    /// </summary>
    public static IDisposable StartCommandLineTelemetry(string serviceName, Action<TracerProviderBuilder>? configure = null)
    {
        var tracing = Sdk.CreateTracerProviderBuilder().AddSource([.. PlatformTelemetry.SourceNames]);
        var metrics = Sdk.CreateMeterProviderBuilder().AddMeter(PlatformTelemetry.Meter.Name);
        if (IsOtlpConfigured(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            tracing.AddOtlpExporter();
            metrics.AddOtlpExporter();
        }

        configure?.Invoke(tracing);
        Environment.SetEnvironmentVariable("OTEL_SERVICE_NAME", Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") ?? serviceName);
        return new CompositeDisposable(tracing.Build(), metrics.Build());
    }

    private static bool IsOtlpConfigured(string? endpoint) => !string.IsNullOrWhiteSpace(endpoint);

    private sealed class CompositeDisposable(params IDisposable?[] parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var part in parts)
            {
                part?.Dispose();
            }
        }
    }
}
