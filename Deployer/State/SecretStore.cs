using System.Security.Cryptography;
using Platform.Deployer.Pki;

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
