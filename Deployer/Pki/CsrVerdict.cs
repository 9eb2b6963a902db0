namespace Platform.Deployer.Pki;

/// <summary>What the Deployer does with a certificate signing request.</summary>
public enum CsrVerdict
{
    /// <summary>Not ours to decide: another signer, or already approved, denied or issued.</summary>
    Ignore,

    /// <summary>A pending kubelet-serving request of a known node for exactly its own addresses.</summary>
    Approve,

    /// <summary>A pending kubelet-serving request that asks for more than its node's own name and addresses: left pending.</summary>
    Refuse,
}
