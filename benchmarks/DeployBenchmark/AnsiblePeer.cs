using System.Diagnostics;
using System.Text;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Aspire.Hosting.ApplicationModel;
using YamlDotNet.Serialization;

namespace Platform.DeployBenchmark;

/// <summary>
/// The peer: Ansible (Kubespray's engine) running plan.yml in check mode against the same machines, with
/// the same desired files, packages, sysctls and services as Platform's host phases.
/// </summary>
public sealed class AnsiblePeer(string workDirectory)
{
    /// <summary>Writes the inventory, host_vars and the desired files for <paramref name="inventory"/>.</summary>
    public void Prepare(DeploymentContext context, DeploymentInventory inventory, string keyFile)
    {
        Directory.CreateDirectory(workDirectory);
        var hostVars = Path.Combine(workDirectory, "host_vars");
        Directory.CreateDirectory(hostVars);
        var ini = new StringBuilder("[all]\n");
        // Quote "0644": unquoted, YAML reads it as an octal integer and Ansible refuses it as a mode.
        var serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();
        var os = context.Model.Single<OperatingSystemResource>();
        foreach (var host in context.Hosts.Where(h => inventory.Endpoints.ContainsKey(h.Name)))
        {
            var endpoint = inventory.Endpoints[host.Name];
            ini.Append($"{host.Name} ansible_host={endpoint.Host} ansible_port={endpoint.Port} ansible_user={endpoint.User} ansible_ssh_private_key_file={keyFile}\n");

            var files = context.FilesFor(host, new PrepareOsPhase().FileComponents.Concat(new EtcdPhase().FileComponents)).ToList();
            var packages = PrepareOsPhase.Packages(context.Model, host.Machine).ToList();
            var services = PrepareOsPhase.Services.ToList();
            if (host.Machine.Role == NodeRole.ControlPlane)
            {
                files.AddRange(context.Pki.EtcdFiles(host.Machine));
                packages.AddRange(["etcd-server", "etcd-client"]);
                services.Add("etcd");
            }

            var entries = new List<Dictionary<string, string>>();
            foreach (var file in files)
            {
                var source = Path.Combine(workDirectory, "files", host.Name) + file.Path;
                Directory.CreateDirectory(Path.GetDirectoryName(source)!);
                File.WriteAllBytes(source, file.Content);
                entries.Add(new Dictionary<string, string> { ["src"] = source, ["dest"] = file.Path, ["mode"] = file.Mode });
            }

            File.WriteAllText(Path.Combine(hostVars, host.Name + ".yml"), serializer.Serialize(new Dictionary<string, object>
            {
                ["platform_files"] = entries,
                ["platform_packages"] = packages.Distinct().ToList(),
                ["platform_services"] = services,
                ["platform_sysctls"] = os.Sysctls.ToDictionary(s => s.Key, s => s.Value),
            }));
        }

        File.WriteAllText(Path.Combine(workDirectory, "inventory.ini"), ini.ToString());
    }

    /// <summary>
    /// Runs the playbook with <paramref name="forks"/> forks, in check mode unless <paramref name="check"/> is false (it then
    /// changes what differs: a new host gets its files and services); returns wall time and the PLAY RECAP.
    /// </summary>
    public async Task<(TimeSpan Elapsed, string Recap)> RunAsync(int forks, bool check = true)
    {
        var playbookDirectory = Path.Combine(AppContext.BaseDirectory, "ansible");
        var start = new ProcessStartInfo("ansible-playbook", ["-i", Path.Combine(workDirectory, "inventory.ini"), .. check ? new[] { "--check" } : [], "-f", forks.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(playbookDirectory, "plan.yml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDirectory,
            Environment = { ["ANSIBLE_CONFIG"] = Path.Combine(playbookDirectory, "ansible.cfg"), ["ANSIBLE_HOST_KEY_CHECKING"] = "False" },
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ansible-playbook did not start; install ansible (scripts/install-test-deps.sh).");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed;
        var text = await output + await error;
        var recap = text[(text.LastIndexOf("PLAY RECAP", StringComparison.Ordinal) is var i and >= 0 ? i : 0)..];
        var changes = text.Split('\n').Where(l => l.StartsWith("changed:", StringComparison.Ordinal)).ToList();
        if (check && changes.Count > 0)
        {
            // A no-op run must change nothing; show what Ansible thinks differs.
            Console.Error.WriteLine(string.Join('\n', changes.Take(10)));
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ansible-playbook exited with {process.ExitCode}:\n{text[^Math.Min(text.Length, 3000)..]}");
        }

        return (elapsed, recap.Trim());
    }
}
