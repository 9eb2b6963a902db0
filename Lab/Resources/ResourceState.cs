namespace Platform.Lab.Resources;

/// <summary>The live state of a model resource in the lab.</summary>
public enum ResourceState
{
    /// <summary>Known, but the lab has not reached it yet.</summary>
    Waiting,

    /// <summary>Being created or becoming ready.</summary>
    Starting,

    /// <summary>Ready.</summary>
    Running,

    /// <summary>Could not start; the detail says why.</summary>
    Failed,

    /// <summary>This substrate does not provide it (etcd's VMs under k3s, a VIP without load balancers).</summary>
    NotInSubstrate,

    /// <summary>Removed when the lab was torn down.</summary>
    Stopped,
}
