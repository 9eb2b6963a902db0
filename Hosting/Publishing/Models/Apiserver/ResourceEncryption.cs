namespace Platform.Hosting.Publishing.Models.Apiserver;

/// <summary>Resources and their providers: the first provider encrypts, every provider is tried to decrypt.</summary>
public sealed class ResourceEncryption
{
    /// <summary>Resource names (secrets, configmaps...).</summary>
    public List<string> Resources { get; set; } = [];

    /// <summary>The providers, in order.</summary>
    public List<EncryptionProvider> Providers { get; set; } = [];
}
