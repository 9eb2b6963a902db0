using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Dashboard;

/// <summary>The dashboard's port on 127.0.0.1 is already taken by another process.</summary>
public sealed class DashboardPortInUseException : PlatformException
{
    /// <summary>Creates the exception for <paramref name="port"/>.</summary>
    public DashboardPortInUseException(int port, Exception inner)
        : base($"The dashboard cannot listen on 127.0.0.1:{port}: the port is in use. Pass --dashboard-port 0 for a free port, or stop what uses it.", inner)
    {
        Port = port;
    }

    /// <summary>The port that was in use.</summary>
    public int Port { get; }
}
