using System.Net;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>One machine of the platform: a member of a pool with an address in the pool's subnet.</summary>
/// <param name="Name">The machine name, also its hostname (for example <c>cp-1</c>).</param>
/// <param name="Role">What the machine does.</param>
/// <param name="Pool">The pool it belongs to.</param>
/// <param name="Subnet">The subnet name.</param>
/// <param name="Address">Its private address.</param>
/// <param name="Index">Its 1-based position in the pool.</param>
public sealed record Machine(string Name, NodeRole Role, string Pool, string Subnet, IPAddress Address, int Index)
{
    /// <summary>The interface used when none is known: the first NIC on Ubuntu cloud images is usually eth0 or ens3; the Deployer fills in the real one from facts.</summary>
    public const string DefaultInterface = "eth0";

    /// <summary>The network interface that holds <see cref="Address"/>, when known (inventory or gathered facts).</summary>
    public string? Interface { get; init; }

    /// <summary>True for the machine that runs <c>kubeadm init</c> (the first control plane).</summary>
    public bool IsFirstControlPlane => Role == NodeRole.ControlPlane && Index == 1;
}
