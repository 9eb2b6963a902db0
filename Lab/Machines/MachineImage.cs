using System.Diagnostics;
using Docker.DotNet;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Machines;

/// <summary>
/// The images machines boot from, both built by scripts/build-machine-image.sh because nothing can be pulled
/// here (the script reads the names from this file): Debian 13 (trixie: etcd 3.5 with etcdutl, as production) with systemd, sshd and an offline apt repository.
/// </summary>
public static class MachineImage
{
    /// <summary>Nothing installed but the offline repository: a fresh VM, which keeps the Deployer's install path tested.</summary>
    public const string Base = "localhost/platform-machine:debian-13";

    /// <summary>
    /// The base with every package of the offline repository installed, their services disabled and stopped with
    /// their default configuration (as kind's node image carries its packages): machines that boot ready for the phases.
    /// </summary>
    public const string Ready = "localhost/platform-machine:debian-13-ready";

    /// <summary>
    /// The ready image plus Prometheus and Alertmanager (trixie's 2.53 and 0.28, services disabled): booted only by the
    /// lab-only monitoring machine, so the other machines' images stay as they are.
    /// </summary>
    public const string Monitoring = "localhost/platform-machine:debian-13-monitoring";

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
}
