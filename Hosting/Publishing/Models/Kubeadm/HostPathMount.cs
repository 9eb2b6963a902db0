namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>A host path mounted into a control-plane static pod.</summary>
public sealed class HostPathMount
{
    /// <summary>The volume name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The path on the host.</summary>
    public string HostPath { get; set; } = "";

    /// <summary>The path in the pod.</summary>
    public string MountPath { get; set; } = "";

    /// <summary>Mount read-only.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>File, DirectoryOrCreate...</summary>
    public string? PathType { get; set; }
}
