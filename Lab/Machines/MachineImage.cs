using System.Diagnostics;
using Docker.DotNet;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Machines;

/// <summary>
/// The image machines boot from: Debian 12 with systemd, sshd and an offline apt repository, built by
/// scripts/build-machine-image.sh (debootstrap) because nothing can be pulled here.
/// </summary>
public static class MachineImage
{
    /// <summary>The image name.</summary>
    public const string Default = "localhost/platform-machine:debian-12";

    /// <summary>True when the engine has the image.</summary>
    public static async Task<bool> ExistsAsync(Uri engine, string image = Default, CancellationToken cancellationToken = default)
    {
        using var client = new DockerClientBuilder().WithEndpoint(engine).Build();
        return await ExistsAsync(client, image, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the engine behind <paramref name="client"/> has <paramref name="image"/>.</summary>
    public static async Task<bool> ExistsAsync(DockerClient client, string image, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Builds the image with the repository's script when it is missing.</summary>
    public static async Task EnsureAsync(Uri engine, IProgress<string>? progress = null, string image = Default, CancellationToken cancellationToken = default)
    {
        if (await ExistsAsync(engine, image, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var script = FindScript() ?? throw new PlatformException($"The machine image {image} is missing and scripts/build-machine-image.sh was not found next to the application. Build it from the repository: sudo scripts/build-machine-image.sh");
        progress?.Report($"Building the machine image {image} (debootstrap, about 2 minutes)...");
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardError = true, RedirectStandardOutput = true, Environment = { ["IMAGE"] = image } };
        using var process = Process.Start(start) ?? throw new PlatformException("Could not start bash to build the machine image.");
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { progress?.Report(line); } };
        process.BeginErrorReadLine();
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new PlatformException($"Building the machine image failed (exit {process.ExitCode}). {output.Trim()} Run: sudo {script}");
        }
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "build-machine-image.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
