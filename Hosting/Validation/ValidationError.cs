namespace Platform.Hosting.Validation;

/// <summary>One problem in a model: which resource, what is wrong, and how to fix it.</summary>
/// <param name="Resource">The resource, as "Type 'name'".</param>
/// <param name="Problem">What is wrong.</param>
/// <param name="Fix">What to change in AppHost/Program.cs.</param>
public sealed record ValidationError(string Resource, string Problem, string Fix)
{
    /// <inheritdoc />
    public override string ToString() => $"{Resource}: {Problem} Fix: {Fix}";
}
