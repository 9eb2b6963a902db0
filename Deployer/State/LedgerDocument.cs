namespace Platform.Deployer.State;

/// <summary>The host ledger file's content.</summary>
public sealed class LedgerDocument
{
    /// <summary>Host name → what the last finished apply converged there.</summary>
    public Dictionary<string, LedgerHost> Hosts { get; set; } = new(StringComparer.Ordinal);
}
