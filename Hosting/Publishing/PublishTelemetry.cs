using System.Diagnostics;

namespace Platform.Hosting.Publishing;

/// <summary>The span publish emits; the AppHost's telemetry listens to the "Platform.Publish" source.</summary>
internal static class PublishTelemetry
{
    private static readonly ActivitySource Source = new("Platform.Publish");

    public static Activity? Start(string name) => Source.StartActivity(name);
}
