using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.Lab.Dashboard;

public sealed partial class DashboardServer
{
    // Cookies are per host, not per port: two dashboards on localhost must not overwrite each other's.
    private const string CookiePrefix = "platform-dashboard-";

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static void UseSecurity(WebApplication app, DashboardContext dashboard)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });

        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && !IsSignedIn(context, dashboard.Token))
            {
                var login = $"http://localhost:{context.Connection.LocalPort}/login?t=…";
                await Results.Json(
                    new { error = $"Not signed in to the dashboard. Open the login URL printed in the terminal ({login}), or send 'Authorization: Bearer TOKEN'." },
                    DashboardJson.Options,
                    statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                return;
            }

            await next(context);
        });

        app.MapGet("/login", (HttpContext context) => SignIn(context, dashboard.Token, context.Request.Query["t"].ToString()));
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
            return SignIn(context, dashboard.Token, form?["t"].ToString() ?? "");
        });
    }

    private static IResult SignIn(HttpContext context, string token, string offered)
    {
        if (offered.Length == 0)
        {
            return LoginPage(null, StatusCodes.Status200OK);
        }

        if (!TokenEquals(offered.Trim(), token))
        {
            return LoginPage("That token does not open this dashboard. Use the login URL printed by this run; each run makes a new token.", StatusCodes.Status401Unauthorized);
        }

        context.Response.Cookies.Append(CookieName(context), token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });
        return Results.Redirect("/");
    }

    private static bool IsSignedIn(HttpContext context, string token)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return TokenEquals(authorization["Bearer ".Length..].Trim(), token);
        }

        return context.Request.Cookies.TryGetValue(CookieName(context), out var cookie) && TokenEquals(cookie, token);
    }

    private static string CookieName(HttpContext context) => CookiePrefix + context.Connection.LocalPort;

    // Constant time, so response timing does not reveal how much of a guess was right.
    private static bool TokenEquals(string offered, string token)
        => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(offered), Encoding.UTF8.GetBytes(token));

    private static IResult LoginPage(string? error, int statusCode)
    {
        var message = error is null ? "" : $"<p class=\"login-error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Platform lab: sign in</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/app.css">
            </head>
            <body class="login">
            <main>
            <h1>Platform lab</h1>
            <p>Open the login URL printed in the terminal, or paste its token here.</p>
            {message}
            <form method="post" action="/login">
            <label for="token">Token</label>
            <input id="token" name="t" type="password" autocomplete="off" required autofocus>
            <button type="submit">Sign in</button>
            </form>
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
