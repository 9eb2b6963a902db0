namespace Platform.Deployer.Pki;

/// <summary>Key types for CAs.</summary>
public enum KeyAlgorithm
{
    /// <summary>ECDSA P-256 (etcd).</summary>
    EcdsaP256,

    /// <summary>RSA 2048 (the Kubernetes cluster CA, as kubeadm creates it).</summary>
    Rsa2048,
}
