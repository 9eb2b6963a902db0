namespace Platform.Hosting.Publishing.Models.Apiserver;

/// <summary>apiserver.config.k8s.io/v1 EncryptionConfiguration: how the API server encrypts resources before etcd stores them.</summary>
public sealed class EncryptionConfiguration
{
    /// <summary>The API version.</summary>
    public string ApiVersion { get; set; } = "apiserver.config.k8s.io/v1";

    /// <summary>The kind.</summary>
    public string Kind { get; set; } = "EncryptionConfiguration";

    /// <summary>Which resources are encrypted, and how.</summary>
    public List<ResourceEncryption> Resources { get; set; } = [];
}
