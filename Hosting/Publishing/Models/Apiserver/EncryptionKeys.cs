namespace Platform.Hosting.Publishing.Models.Apiserver;

/// <summary>A provider's keys: the first encrypts, all decrypt.</summary>
public sealed class EncryptionKeys
{
    /// <summary>The keys.</summary>
    public List<EncryptionKey> Keys { get; set; } = [];
}
