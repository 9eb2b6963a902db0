using System.Security.Cryptography;
using Platform.Deployer.Pki;
using Platform.Hosting.Publishing.Models.Apiserver;

namespace Platform.Deployer.State;

/// <summary>Secrets generated once and kept in the state folder, each in its own 0600 file.</summary>
public sealed class SecretStore(StateFolder state)
{
    private const string TokenAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The kubeadm bootstrap token.</summary>
    public string BootstrapToken => GetOrCreate("kubeadm-bootstrap-token", () => Random(6) + "." + Random(16));

    /// <summary>The kubeadm certificate key (32 bytes, hex).</summary>
    public string CertificateKey => GetOrCreate("kubeadm-certificate-key", () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The Grafana admin password (put in the grafana-admin Secret, never in chart values).</summary>
    public string GrafanaAdminPassword => GetOrCreate("grafana-admin-password", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y'));

    /// <summary>The password of the Elasticsearch user Fluent Bit and Kibana users log in with.</summary>
    public string ElasticPassword => GetOrCreate("elastic-password", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y'));

    /// <summary>How many keys the encryption configuration keeps: the active one and older ones that still decrypt (snapshots).</summary>
    public const int EncryptionKeysKept = 3;

    private const string EncryptionKeysFile = "kubernetes-encryption-keys";

    /// <summary>
    /// The keys the API servers encrypt Secrets at rest with (secretbox, 32 bytes): the first encrypts, the others still
    /// decrypt what they wrote, and etcd snapshots taken before the last rotation.
    /// </summary>
    public IReadOnlyList<EncryptionKey> EncryptionKeys => Parse(GetOrCreate(EncryptionKeysFile, NewEncryptionKey));

    /// <summary>Puts a new key first (it encrypts from now on) and keeps <see cref="EncryptionKeysKept"/> keys in all; returns them.</summary>
    public IReadOnlyList<EncryptionKey> RotateEncryptionKey()
    {
        var keys = EncryptionKeys.ToList();
        var fresh = Parse(NewEncryptionKey()).Single();
        if (keys.Any(k => k.Name == fresh.Name))
        {
            fresh.Name += "-" + Random(4); // two rotations within a second
        }

        keys.Insert(0, fresh);
        var text = string.Join("\n", keys.Take(EncryptionKeysKept).Select(k => $"{k.Name} {k.Secret}"));
        StateFiles.WriteSecret(Path.Combine(state.SecretsDirectory, EncryptionKeysFile), text + "\n");
        SecretRedactor.Register(fresh.Secret);
        return EncryptionKeys;
    }

    /// <summary>The secret values of one state file: its text, or each key of the encryption keys file (not their names).</summary>
    public static IEnumerable<string> ValuesOf(string path)
    {
        var text = File.ReadAllText(path).Trim();
        return Path.GetFileName(path) == EncryptionKeysFile ? Parse(text).Select(k => k.Secret) : [text];
    }

    private static string NewEncryptionKey() => $"key-{DateTime.UtcNow:yyyyMMddHHmmss} {Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}";

    private static List<EncryptionKey> Parse(string text)
    {
        var keys = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(' ', 2)).Select(p => new EncryptionKey { Name = p[0], Secret = p[1] }).ToList();
        keys.ForEach(k => SecretRedactor.Register(k.Secret));
        return keys;
    }

    private string GetOrCreate(string name, Func<string> create)
    {
        var path = Path.Combine(state.SecretsDirectory, name);
        if (File.Exists(path))
        {
            var known = File.ReadAllText(path).Trim();
            SecretRedactor.Register(known);
            return known;
        }

        var value = create();
        StateFiles.WriteSecret(path, value + "\n");
        return value;
    }

    private static string Random(int length) => RandomNumberGenerator.GetString(TokenAlphabet, length);

    /// <summary>Never print secrets.</summary>
    public override string ToString() => $"SecretStore {{ {state.SecretsDirectory}, values hidden }}";
}
