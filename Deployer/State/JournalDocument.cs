namespace Platform.Deployer.State;

/// <summary>The journal file's content.</summary>
public sealed class JournalDocument
{
    /// <summary>When the apply started.</summary>
    public DateTimeOffset Started { get; set; }

    /// <summary>True once the apply finished with every step done.</summary>
    public bool Finished { get; set; }

    /// <summary>Finished steps.</summary>
    public List<JournalStep> Steps { get; set; } = [];
}
