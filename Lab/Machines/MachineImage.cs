using System.Diagnostics;
using Docker.DotNet;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Machines;

/// <summary>
/// The images machines boot from, both built by scripts/build-machine-image.sh because nothing can be pulled
/// here (the script reads the names from this file): Debian 12 with systemd, sshd and an offline apt repository.
/// </summary>
public static class MachineImage
{
    /// <summary>Nothing installed but the offline repository: a fresh VM, which keeps the Deployer's install path tested.</summary>
    public const string Base = "localhost/platform-machine:debian-12";

    /// <summary>
    /// The base with every package of the offline repository installed, their services disabled and stopped with
    /// their default configuration (as kind's node image carries its packages): machines that boot ready for the phases.
    /// </summary>
    public const string Ready = "localhost/platform-machine:debian-12-ready";

    /// <summary>The image labs boot unless told otherwise.</summary>
    public const string Default = Ready;

    /// <summary>Both images, base first (the ready one is built from it).</summary>
    public static IReadOnlyList<string> All { get; } = [Base, Ready];

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

    /// <summary>Builds the images that are missing with the repository's script (the base about 2 minutes, the ready one about 20 s).</summary>
    public static async Task EnsureAsync(Uri engine, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var missing = new List<string>();
        foreach (var image in All)
        {
            if (!await ExistsAsync(engine, image, cancellationToken).ConfigureAwait(false))
            {
                missing.Add(image);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        var script = FindScript() ?? throw new PlatformException($"The machine image(s) {string.Join(", ", missing)} are missing and scripts/build-machine-image.sh was not found next to the application. Build them from the repository: sudo scripts/build-machine-image.sh");
        progress?.Report($"Building the machine image(s) {string.Join(", ", missing)}...");
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new PlatformException("Could not start bash to build the machine images.");
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { progress?.Report(line); } };
        process.BeginErrorReadLine();
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new PlatformException($"Building the machine images failed (exit {process.ExitCode}). {output.Trim()} Run: sudo {script}");
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
