using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Resources;

namespace Platform.Lab.Dashboard;

public sealed partial class DashboardServer
{
    private static readonly IReadOnlyList<DashboardLayer> Layers =
        Enum.GetValues<PlatformLayer>().Select(l => new DashboardLayer((int)l, l.ToString())).ToArray();

    private static void MapApi(WebApplication app, DashboardContext dashboard)
    {
        var store = dashboard.Store;
        var api = app.MapGroup("/api");
        api.MapGet("/lab", () => Json(store.Lab));
        api.MapGet("/resources", () => Json(store.Resources));
        api.MapGet("/resources/{name}/logs", (string name, int? tail) => Logs(store, name, tail));
        api.MapGet("/deploy", () => Json(store.DeployProgress));
        api.MapGet("/layers", () => Json(Layers));
        api.MapGet("/artifacts", () => Json(dashboard.Artifacts.Entries));
        api.MapGet("/artifacts/content", (string? path) => ArtifactContent(dashboard.Artifacts, path));
        api.MapGet("/events", (HttpContext context) => StreamEventsAsync(context, store, dashboard.Stopping));
        api.Map("{**rest}", (HttpContext context) => Error(StatusCodes.Status404NotFound, $"The dashboard API has no {context.Request.Method} {context.Request.Path}. It has /api/lab, /api/resources, /api/resources/NAME/logs, /api/deploy, /api/layers, /api/artifacts, /api/artifacts/content?path=PATH and /api/events."));
    }

    private static IResult Logs(ResourceStateStore store, string name, int? tail)
    {
        if (tail < 0)
        {
            return Error(StatusCodes.Status400BadRequest, $"tail={tail} is negative; pass the number of last lines wanted (at most {ResourceStateStore.MaxLogLines}).");
        }

        var lines = store.Logs(name, tail ?? ResourceStateStore.MaxLogLines);
        return lines is null
            ? Error(StatusCodes.Status404NotFound, $"The lab has no resource '{name}'. GET /api/resources lists them: {string.Join(", ", store.Resources.Select(r => r.Name))}.")
            : Json(lines);
    }

    private static IResult ArtifactContent(ArtifactCatalog artifacts, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return Error(StatusCodes.Status400BadRequest, "Pass the artifact's path: /api/artifacts/content?path=PATH, with a path from GET /api/artifacts.");
        }

        var content = artifacts.Content(path);
        return content is null
            ? Error(StatusCodes.Status404NotFound, $"No published artifact has the path '{path}'. GET /api/artifacts lists them.")
            : Results.Text(content, "text/plain; charset=utf-8");
    }

    private static IResult Json<T>(T value) => Results.Json(value, DashboardJson.Options);

    private static IResult Error(int statusCode, string message) => Results.Json(new { error = message }, DashboardJson.Options, statusCode: statusCode);
}
