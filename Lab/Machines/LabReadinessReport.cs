namespace Platform.Lab.Machines;

/// <summary>One look at a machines lab: what is not ready yet, each naming the machine or endpoint.</summary>
/// <param name="Problems">Empty when the lab is ready.</param>
public sealed record LabReadinessReport(IReadOnlyList<string> Problems)
{
    /// <summary>True when every check passed.</summary>
    public bool IsReady => Problems.Count == 0;

    /// <inheritdoc />
    public override string ToString() => IsReady ? "ready" : string.Join("; ", Problems);
}
