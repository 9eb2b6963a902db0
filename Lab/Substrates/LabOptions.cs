using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;

namespace Platform.Lab.Substrates;

/// <summary>What a substrate needs to bring a lab up.</summary>
public sealed record LabOptions
{
    /// <summary>The default lab name: the label value on every container and network the lab starts.</summary>
    public const string DefaultName = "platform-lab";

    /// <summary>The validated model.</summary>
    public required PlatformModel Model { get; init; }

    /// <summary>The lab name (label <c>platform.lab=&lt;name&gt;</c>).</summary>
    public string Name { get; init; } = DefaultName;

    /// <summary>The Docker-API engine endpoint.</summary>
    public required Uri Engine { get; init; }

    /// <summary>The lab's state folder (SSH key, Deployer state, secrets), kept between runs.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Reuse or replace a kept lab of the same name.</summary>
    public ExistingLabPolicy Existing { get; init; } = ExistingLabPolicy.Reuse;

    /// <summary>Deployer phases not to run (machines substrate).</summary>
    public IReadOnlyList<string> SkipPhases { get; init; } = [];

    /// <summary>The image machines boot from (machines substrate): the ready one by default, <see cref="MachineImage.Base"/> for the install path.</summary>
    public string Image { get; init; } = MachineImage.Default;

    /// <summary>Progress lines (the lab's console log in the dashboard).</summary>
    public Action<string> Progress { get; init; } = _ => { };
}
