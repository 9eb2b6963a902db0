namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>A kubeadm bootstrap token.</summary>
public sealed class BootstrapToken
{
    /// <summary>The token, [a-z0-9]{6}.[a-z0-9]{16}.</summary>
    public string Token { get; set; } = "";

    /// <summary>Lifetime, for example 24h0m0s.</summary>
    public string? Ttl { get; set; }

    /// <summary>signing, authentication.</summary>
    public List<string>? Usages { get; set; }

    /// <summary>Groups the token authenticates as.</summary>
    public List<string>? Groups { get; set; }

    /// <summary>Why it exists.</summary>
    public string? Description { get; set; }
}
