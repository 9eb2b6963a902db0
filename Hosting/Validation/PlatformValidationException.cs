using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Validation;

/// <summary>The model has errors; <see cref="Errors"/> lists every one, not only the first.</summary>
public sealed class PlatformValidationException(IReadOnlyList<ValidationError> errors)
    : PlatformException(Format(errors))
{
    /// <summary>Every error found.</summary>
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    private static string Format(IReadOnlyList<ValidationError> errors)
        => $"The platform model has {errors.Count} error{(errors.Count == 1 ? "" : "s")}:" + Environment.NewLine
           + string.Join(Environment.NewLine, errors.Select((e, i) => $"  {i + 1}. {e}"));
}
