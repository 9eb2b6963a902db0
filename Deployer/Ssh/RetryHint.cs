namespace Platform.Deployer.Ssh;

/// <summary>Whether running the same thing again can help, judged from what a command printed.</summary>
public static class RetryHint
{
    private static readonly string[] Transient =
    [
        "Could not get lock", "Temporary failure", "Connection timed out", "Connection refused", "Connection reset",
        "No route to host", "Network is unreachable", "503 Service", "Resource temporarily unavailable", "context deadline exceeded",
    ];

    /// <summary>True when the text shows a transient cause (a lock held, the network, a server busy).</summary>
    public static bool For(string text) => Transient.Any(t => text.Contains(t, StringComparison.OrdinalIgnoreCase));
}
