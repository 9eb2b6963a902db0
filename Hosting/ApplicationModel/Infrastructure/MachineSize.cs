namespace Aspire.Hosting.ApplicationModel;

/// <summary>The size of one machine in a pool.</summary>
/// <param name="Cpus">Virtual CPUs.</param>
/// <param name="MemoryGiB">Memory in GiB.</param>
/// <param name="DiskGiB">Root disk in GiB.</param>
public sealed record MachineSize(int Cpus, int MemoryGiB, int DiskGiB)
{
    /// <summary>2 vCPU, 4 GiB, 40 GiB: load balancers.</summary>
    public static MachineSize Small { get; } = new(2, 4, 40);

    /// <summary>4 vCPU, 8 GiB, 80 GiB: control planes (kubeadm needs 2 vCPU and 2 GiB at least).</summary>
    public static MachineSize Medium { get; } = new(4, 8, 80);

    /// <summary>8 vCPU, 32 GiB, 200 GiB: workers running Elasticsearch and Longhorn replicas.</summary>
    public static MachineSize Large { get; } = new(8, 32, 200);

    /// <inheritdoc />
    public override string ToString() => $"{Cpus} vCPU, {MemoryGiB} GiB, {DiskGiB} GiB disk";
}
