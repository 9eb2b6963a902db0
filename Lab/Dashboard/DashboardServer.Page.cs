using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.Lab.Dashboard;

public sealed partial class DashboardServer
{
    private static void MapPage(WebApplication app, DashboardContext dashboard)
    {
        // The page itself holds no data (the API does), but signed-out visitors get the login form instead.
        app.MapGet("/", (HttpContext context) => IsSignedIn(context, dashboard.Token) ? Asset(context, "index.html") : LoginPage(null, StatusCodes.Status401Unauthorized));
        app.MapGet("/index.html", () => Results.Redirect("/"));
        app.MapGet("/app.js", (HttpContext context) => Asset(context, "app.js"));
        app.MapGet("/app.css", (HttpContext context) => Asset(context, "app.css"));
    }

    private static IResult Asset(HttpContext context, string name)
    {
        var (bytes, contentType) = DashboardAssets.Get(name);
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(bytes, contentType);
    }
}
