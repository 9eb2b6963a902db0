namespace Platform.Hosting.Publishing.Models.Apiserver;

/// <summary>One provider: exactly one of its members is set.</summary>
public sealed class EncryptionProvider
{
    /// <summary>XSalsa20 and Poly1305 with 32-byte keys.</summary>
    public EncryptionKeys? Secretbox { get; set; }

    /// <summary>No encryption: reads what was written before encryption was turned on.</summary>
    public Dictionary<string, string>? Identity { get; set; }
}
