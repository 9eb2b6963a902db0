namespace Platform.Hosting.Publishing;

/// <summary>
/// The secrets that appear inside rendered files. Publish renders <c>${NAME}</c> references so no secret
/// is ever written to the publish folder; the Deployer renders real values generated in its state folder.
/// </summary>
public sealed record PlatformSecrets
{
    /// <summary>References for publish: each value is <c>${NAME}</c>, filled in at deploy time.</summary>
    public static PlatformSecrets References { get; } = new()
    {
        BootstrapToken = "${KUBEADM_BOOTSTRAP_TOKEN}",
        CertificateKey = "${KUBEADM_CERTIFICATE_KEY}",
        CaCertHash = "${KUBEADM_CA_CERT_HASH}",
    };

    /// <summary>The kubeadm bootstrap token (<c>[a-z0-9]{6}.[a-z0-9]{16}</c>) machines join with.</summary>
    public required string BootstrapToken { get; init; }

    /// <summary>The key (64 hex digits) that encrypts control-plane certificates uploaded by <c>kubeadm init --upload-certs</c>.</summary>
    public required string CertificateKey { get; init; }

    /// <summary>The <c>sha256:...</c> hash of the cluster CA's public key that joining machines pin.</summary>
    public required string CaCertHash { get; init; }

    /// <summary>Never print values.</summary>
    public override string ToString() => "PlatformSecrets { values hidden }";
}
