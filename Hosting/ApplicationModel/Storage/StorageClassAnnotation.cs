namespace Aspire.Hosting.ApplicationModel;

/// <summary>A StorageClass backed by the CSI driver.</summary>
public sealed record StorageClassAnnotation : IResourceAnnotation
{
    /// <summary>The StorageClass name.</summary>
    public required string Name { get; init; }

    /// <summary>Whether PVCs without a class get this one.</summary>
    public required bool IsDefault { get; init; }

    /// <summary>Copies of each volume, on different workers.</summary>
    public int Replicas { get; init; } = 3;

    /// <summary>Delete or Retain the volume when its PVC goes.</summary>
    public string ReclaimPolicy { get; init; } = "Delete";

    /// <summary>Allow PVCs to grow.</summary>
    public bool AllowVolumeExpansion { get; init; } = true;
}
