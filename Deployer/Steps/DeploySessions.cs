using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Platform.ServiceDefaults;

namespace Platform.Deployer.Steps;

/// <summary>
/// Holds the session of the AppHost's one pipeline run, and the Deployer's trace and metric providers (OTLP
/// export when OTEL_EXPORTER_OTLP_ENDPOINT is set); disposed with the AppHost's services.
/// </summary>
internal sealed class DeploySessions : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly IDisposable _telemetry = Extensions.StartCommandLineTelemetry("platform-deployer");
    private Task<DeploySession>? _session;

    /// <summary>The session, created by the first step that asks (a failure to create it fails that step).</summary>
    public Task<DeploySession> GetAsync(PipelineStepContext step, ParameterResource inventory)
    {
        lock (_lock)
        {
            return _session ??= DeploySession.CreateAsync(step, inventory);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_session is { IsCompletedSuccessfully: true } session)
        {
            await session.Result.DisposeAsync().ConfigureAwait(false);
        }

        _telemetry.Dispose();
    }
}
