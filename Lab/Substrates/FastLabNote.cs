namespace Platform.Lab.Substrates;

/// <summary>Something the fast lab says about a resource or an artifact: why it is not run, or what stands in for it.</summary>
/// <param name="Subject">A model resource name, or an artifact path.</param>
/// <param name="Text">The reason or the note, one sentence.</param>
public sealed record FastLabNote(string Subject, string Text)
{
    /// <inheritdoc />
    public override string ToString() => $"{Subject}: {Text}";
}
