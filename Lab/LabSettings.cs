using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Phases;
using Platform.Lab.Machines;
using Platform.Lab.Substrates;

namespace Platform.Lab;

/// <summary>
/// How run mode brings the lab up, read from the <c>Lab</c> configuration section
/// (<c>aspire run -- --Lab:Substrate=fast</c>, <c>Lab__Keep=true</c>, appsettings.json). Every value is checked
/// before anything starts; each error names the key and what it accepts.
/// </summary>
public sealed partial record LabSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Lab";

    /// <summary>
    /// The phases a lab skips unless told otherwise: they need pkgs.k8s.io and registry.k8s.io, which the lab's
    /// machines (an offline apt repository, no internet) cannot reach. <c>Lab:Skip=</c> (empty) runs every phase.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultSkip = ["kubernetes-packages", "init", "api-server-etcd", "join-control-planes", "join-workers", "cni", "addons"];

    /// <summary>machines (default): the model's VMs as containers, deployed by the Deployer; fast: k3s in a container.</summary>
    public LabSubstrateKind Substrate { get; init; } = LabSubstrateKind.Machines;

    /// <summary>The label <c>platform.lab=&lt;name&gt;</c> on everything the lab starts.</summary>
    public string Name { get; init; } = LabOptions.DefaultName;

    /// <summary>Leave the lab running when the AppHost stops; the next run reuses it.</summary>
    public bool Keep { get; init; }

    /// <summary>Reuse (default) or replace a kept lab of the same name.</summary>
    public ExistingLabPolicy Existing { get; init; } = ExistingLabPolicy.Reuse;

    /// <summary>The lab's state folder: SSH key, secrets, PKI, the Deployer's journal.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The Docker-API endpoint; null: DOCKER_HOST, then Docker's and podman's sockets.</summary>
    public Uri? Engine { get; init; }

    /// <summary>Deployer phases the machines lab does not run.</summary>
    public IReadOnlyList<string> Skip { get; init; } = DefaultSkip;

    /// <summary>Where the machines lab's etcd comes from (default: the distribution's package; the machines are offline).</summary>
    public EtcdSource EtcdSource { get; init; } = EtcdSource.DistroPackage;

    /// <summary>The image machines boot: the ready one by default, <see cref="MachineImage.Base"/> for the install path.</summary>
    public string Image { get; init; } = MachineImage.Default;

    /// <summary>Reads and checks the section; <paramref name="appHostDirectory"/> anchors the default state folder.</summary>
    public static (LabSettings Settings, IReadOnlyList<string> Errors) Read(IConfiguration configuration, string appHostDirectory)
    {
        var section = configuration.GetSection(Section);
        var errors = new List<string>();
        string Key(string name) => $"{Section}:{name}";

        var substrate = section["Substrate"] switch
        {
            null or "" or "machines" => LabSubstrateKind.Machines,
            "fast" => LabSubstrateKind.Fast,
            var other => Error(LabSubstrateKind.Machines, $"{Key("Substrate")} '{other}': use machines (the model's VMs as containers) or fast (k3s in a container)."),
        };

        var name = section["Name"] is { Length: > 0 } n ? n : LabOptions.DefaultName;
        if (!MachineLabBuilder.IsValidName(name))
        {
            errors.Add($"{Key("Name")} '{name}': use 1-31 lowercase letters, digits and '-', starting with a letter or digit.");
        }

        Uri? engine = null;
        if (section["Engine"] is { Length: > 0 } text && (!Uri.TryCreate(text, UriKind.Absolute, out engine) || engine.Scheme is not ("unix" or "tcp" or "http" or "https")))
        {
            errors.Add($"{Key("Engine")} '{text}': use a Docker-API endpoint such as unix:///run/podman/podman.sock or tcp://127.0.0.1:2375.");
            engine = null;
        }

        // A present but empty key means "skip nothing".
        var skip = section["Skip"] is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : DefaultSkip;
        var phases = Pipeline.Phases.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in skip.Where(s => !phases.Contains(s)))
        {
            errors.Add($"{Key("Skip")} '{unknown}': no such phase. Phases: {string.Join(", ", phases)}.");
        }

        var etcdSource = section["EtcdSource"] is not { Length: > 0 } etcd ? EtcdSource.DistroPackage
            : EtcdSourceNames.Parse(etcd) ?? Error(EtcdSource.DistroPackage, $"{Key("EtcdSource")} '{etcd}': use {EtcdSourceNames.Accepted}.");

        var image = section["Image"] is { Length: > 0 } named ? named : MachineImage.Default;
        if (!ImageReference().IsMatch(image))
        {
            errors.Add($"{Key("Image")} '{image}': use an image reference such as {MachineImage.Ready} or {MachineImage.Base}.");
        }

        var keep = Flag("Keep");
        var replace = Flag("Replace");
        var state = section["State"] is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.GetFullPath(Path.Combine(appHostDirectory, ".platform", "lab-" + name));
        return (new LabSettings
        {
            Substrate = substrate,
            Name = name,
            Keep = keep,
            Existing = replace ? ExistingLabPolicy.Replace : ExistingLabPolicy.Reuse,
            StateDirectory = state,
            Engine = engine,
            Skip = skip.ToList(),
            EtcdSource = etcdSource,
            Image = image,
        }, errors);

        T Error<T>(T fallback, string message)
        {
            errors.Add(message);
            return fallback;
        }

        bool Flag(string key) => section[key] switch
        {
            null or "" => false,
            var v when bool.TryParse(v, out var b) => b,
            var v => Error(false, $"{Key(key)} '{v}': use true or false."),
        };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._/:@-]{0,254}$")]
    private static partial Regex ImageReference();
}
