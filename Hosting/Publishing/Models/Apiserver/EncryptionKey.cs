namespace Platform.Hosting.Publishing.Models.Apiserver;

/// <summary>A named key.</summary>
public sealed class EncryptionKey
{
    /// <summary>The key's name (stored with each value it encrypts).</summary>
    public string Name { get; set; } = "";

    /// <summary>The key, base64.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Never print the key.</summary>
    public override string ToString() => $"EncryptionKey {{ {Name}, value hidden }}";
}
