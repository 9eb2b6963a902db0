namespace Platform.Hosting.Cli;

/// <summary>Process exit codes shared by every mode.</summary>
public static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;

    /// <summary>The work failed (a host, a phase, the lab); the message says whether a retry can help.</summary>
    public const int Failure = 1;

    /// <summary>The input is wrong (model, inventory, command line, files); nothing was changed.</summary>
    public const int InvalidInput = 2;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
