using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Deployer.Backup;

/// <summary>
/// An ECDSA P-256 SSH key made with System.Security.Cryptography: the private key as PEM (OpenSSH reads SEC1 "EC PRIVATE
/// KEY" files) and the public key as an authorized_keys line. No ssh-keygen needed where the Deployer runs.
/// </summary>
public sealed class OpenSshKey
{
    private const string KeyType = "ecdsa-sha2-nistp256";

    private OpenSshKey(string privateKeyPem, string publicKey)
    {
        PrivateKeyPem = privateKeyPem;
        PublicKey = publicKey;
    }

    /// <summary>The private key (PEM, never printed or logged).</summary>
    public string PrivateKeyPem { get; }

    /// <summary>The public key line (<c>ecdsa-sha2-nistp256 AAAA… comment</c>).</summary>
    public string PublicKey { get; }

    /// <summary>A new key.</summary>
    public static OpenSshKey Generate(string comment)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return FromKey(key, comment);
    }

    /// <summary>The key of a PEM file written by <see cref="Generate"/>.</summary>
    public static OpenSshKey Load(string privateKeyPem, string comment)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privateKeyPem);
        return FromKey(key, comment);
    }

    private static OpenSshKey FromKey(ECDsa key, string comment)
    {
        var point = key.ExportParameters(false).Q;
        var blob = new MemoryStream();
        WriteString(blob, Encoding.ASCII.GetBytes(KeyType));
        WriteString(blob, Encoding.ASCII.GetBytes("nistp256"));
        WriteString(blob, [0x04, .. point.X!, .. point.Y!]);
        return new OpenSshKey(key.ExportECPrivateKeyPem() + "\n", $"{KeyType} {Convert.ToBase64String(blob.ToArray())} {comment}");
    }

    private static void WriteString(MemoryStream stream, byte[] value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
        stream.Write(length);
        stream.Write(value);
    }
}
