using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.Lab.Resources;

namespace Platform.Lab.Dashboard;

public sealed partial class DashboardServer
{
    // Well under the idle timeouts of browsers and proxies.
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    private static async Task StreamEventsAsync(HttpContext context, ResourceStateStore store, CancellationToken serverStopping)
    {
        // Subscribe before the first byte: the page fetches its snapshots once it sees "connected",
        // so every change from then on is already queued here and none falls between the two.
        using var subscription = store.Subscribe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        try
        {
            await response.WriteAsync("retry: 2000\nevent: connected\ndata: {}\n\n", stop.Token);
            await response.Body.FlushAsync(stop.Token);
            var events = subscription.Events;
            while (true)
            {
                using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                keepAlive.CancelAfter(KeepAliveInterval);
                bool open;
                try
                {
                    open = await events.WaitToReadAsync(keepAlive.Token);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    await response.WriteAsync(": ping\n\n", stop.Token);
                    await response.Body.FlushAsync(stop.Token);
                    continue;
                }

                if (!open)
                {
                    return;
                }

                while (events.TryRead(out var labEvent))
                {
                    await response.WriteAsync($"data: {JsonSerializer.Serialize(labEvent, DashboardJson.Options)}\n\n", stop.Token);
                }

                await response.Body.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page went away or the server is stopping.
        }
        catch (IOException)
        {
            // The connection broke mid-write; the page reconnects and reloads its snapshots.
        }
    }
}
