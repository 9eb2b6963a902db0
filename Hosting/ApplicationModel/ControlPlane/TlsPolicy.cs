namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The TLS the API server, kubelet and etcd accept: TLS 1.2 or later, and for TLS 1.2 only ECDHE key exchange with
/// AEAD ciphers (forward secrecy, no CBC). TLS 1.3 suites are not configurable in Go and are all modern.
/// </summary>
public static class TlsPolicy
{
    /// <summary>The lowest version, as Kubernetes components name it.</summary>
    public const string MinVersion = "VersionTLS12";

    /// <summary>The TLS 1.2 cipher suites, by the Go names Kubernetes and etcd (3.4 and 3.5) both accept.</summary>
    public static IReadOnlyList<string> CipherSuites { get; } =
    [
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    ];
}
