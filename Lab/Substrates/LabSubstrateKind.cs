namespace Platform.Lab.Substrates;

/// <summary>What the lab runs the platform on.</summary>
public enum LabSubstrateKind
{
    /// <summary>k3s in one container with the cluster add-ons applied: quick, for working on what runs in the cluster.</summary>
    Fast,

    /// <summary>The model's machines as containers that behave like VMs, deployed by the Deployer: the rehearsal of production.</summary>
    Machines,
}
