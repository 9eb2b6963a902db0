namespace Platform.Deployer.State;

/// <summary>One finished (phase, host) step.</summary>
public sealed class JournalStep
{
    /// <summary>The phase name.</summary>
    public string Phase { get; set; } = "";

    /// <summary>The host name.</summary>
    public string Host { get; set; } = "";

    /// <summary>A hash of what the step was asked to do.</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>When it finished.</summary>
    public DateTimeOffset At { get; set; }
}
