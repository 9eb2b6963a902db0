namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>A node taint.</summary>
public sealed class Taint
{
    /// <summary>The key.</summary>
    public string Key { get; set; } = "";

    /// <summary>The value.</summary>
    public string? Value { get; set; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    public string Effect { get; set; } = "";
}
