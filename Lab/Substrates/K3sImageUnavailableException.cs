using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Substrates;

/// <summary>The container engine has no k3s image and could not pull it; nothing was started.</summary>
public sealed class K3sImageUnavailableException : PlatformException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="image">The image the fast lab needs.</param>
    /// <param name="engine">The engine that lacks it.</param>
    /// <param name="pullError">Why the pull attempt failed, or null when none was made.</param>
    public K3sImageUnavailableException(string image, Uri engine, string? pullError)
        : base($"The fast lab needs the image {image}, which the container engine {engine} does not have"
            + (pullError is null ? "." : $", and pulling it failed: {pullError.Trim().TrimEnd('.')}.")
            + $" Fix: on a machine with registry access run 'podman pull {image}' (or docker pull), then either push it to a registry this engine reaches"
            + $" or copy it over with 'podman save -o k3s.tar {image}' and 'podman load -i k3s.tar' here."
            + " Without it, --substrate machines runs the platform on machine containers built locally.")
    {
        Image = image;
        Engine = engine;
        PullError = pullError;
    }

    /// <summary>The image the fast lab needs.</summary>
    public string Image { get; }

    /// <summary>The engine that lacks it.</summary>
    public Uri Engine { get; }

    /// <summary>Why the pull attempt failed, or null when none was made.</summary>
    public string? PullError { get; }
}
