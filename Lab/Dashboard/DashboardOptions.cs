using System.Text;

namespace Platform.Lab.Dashboard;

/// <summary>Where the dashboard listens and which token opens it.</summary>
/// <param name="Port">The port on 127.0.0.1; 0 picks a free one.</param>
/// <param name="Token">The login token; null makes a random one for this run.</param>
public sealed record DashboardOptions(int Port = 18888, string? Token = null)
{
    // The token is a secret: keep it out of ToString, which ends up in logs.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Port = ").Append(Port).Append(", Token = ").Append(Token is null ? "(random)" : "***");
        return true;
    }
}
