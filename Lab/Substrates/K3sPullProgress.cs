using Docker.DotNet.Models;

namespace Platform.Lab.Substrates;

/// <summary>Keeps the first error of an image pull's progress stream (synchronously, unlike <see cref="Progress{T}"/>).</summary>
internal sealed class K3sPullProgress : IProgress<JSONMessage>
{
    /// <summary>The first error the engine reported, or null.</summary>
    public string? Error { get; private set; }

    /// <inheritdoc />
    public void Report(JSONMessage value)
    {
        var error = value.Error?.Message;
        if (Error is null && !string.IsNullOrWhiteSpace(error))
        {
            Error = error;
        }
    }
}
