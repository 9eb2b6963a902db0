namespace Aspire.Hosting.ApplicationModel;

/// <summary>The sshd settings written to /etc/ssh/sshd_config.d on every machine.</summary>
public sealed record SshHardeningAnnotation : IResourceAnnotation
{
    /// <summary>Allow password logins; off, so only keys get in.</summary>
    public required bool PasswordAuthentication { get; init; }

    /// <summary>The PermitRootLogin value: <c>prohibit-password</c> keeps key-based root logins working.</summary>
    public required string PermitRootLogin { get; init; }

    /// <summary>Allow X11 forwarding.</summary>
    public bool X11Forwarding { get; init; }

    /// <summary>MaxAuthTries.</summary>
    public int MaxAuthTries { get; init; } = 3;
}
