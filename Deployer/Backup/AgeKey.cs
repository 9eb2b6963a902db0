using System.Security.Cryptography;

namespace Platform.Deployer.Backup;

/// <summary>
/// An age X25519 key pair, as <c>age-keygen</c> writes it: snapshots are encrypted on the control planes to the
/// recipient (<c>age1…</c>, public) and decrypted only by a restore with the identity (<c>AGE-SECRET-KEY-1…</c>),
/// which stays in the deployment's state folder.
/// </summary>
public sealed class AgeKey
{
    private AgeKey(string identity, string recipient)
    {
        Identity = identity;
        Recipient = recipient;
    }

    /// <summary>The secret identity (never printed or logged).</summary>
    public string Identity { get; }

    /// <summary>The public recipient.</summary>
    public string Recipient { get; }

    /// <summary>A new random key pair.</summary>
    public static AgeKey Generate() => FromScalar(RandomNumberGenerator.GetBytes(32));

    /// <summary>The pair of an identity string.</summary>
    /// <exception cref="FormatException">It is not an age X25519 identity.</exception>
    public static AgeKey Parse(string identity)
    {
        var scalar = Bech32.Decode("age-secret-key-", identity.Trim());
        return scalar.Length == 32 ? FromScalar(scalar) : throw new FormatException("an age identity holds 32 bytes");
    }

    /// <summary>The identity file as age-keygen writes it (a comment with the recipient, then the identity).</summary>
    public string IdentityFile => $"# public key: {Recipient}\n{Identity}\n";

    private static AgeKey FromScalar(byte[] scalar)
        => new(Bech32.Encode("age-secret-key-", scalar).ToUpperInvariant(), Bech32.Encode("age", X25519.PublicKey(scalar)));

    /// <inheritdoc />
    public override string ToString() => Recipient;
}
