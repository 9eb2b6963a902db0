using Platform.Deployer.Inventory;
using Platform.Deployer.Ssh;
using Aspire.Hosting.ApplicationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Platform.Lab.Machines;

/// <summary>The Deployer's view of a lab: each machine at its private address, reached over SSH on 127.0.0.1.</summary>
public static class LabInventory
{
    /// <summary>The bound inventory for <paramref name="lab"/>, logging in as root with <paramref name="keyFile"/>.</summary>
    public static DeploymentInventory Create(MachineLab lab, string keyFile)
        => new(new PlatformTopology(lab.Machines.Select(m => m.Machine)), lab.Machines.ToDictionary(m => m.Name, m => new SshEndpoint(m.SshHost, m.SshPort, "root", keyFile)));

    /// <summary>The same inventory as the YAML file a person would write for <c>deploy plan -i</c>; <paramref name="except"/> are left out (a pool smaller than the lab).</summary>
    public static string ToYaml(MachineLab lab, string keyFile, IReadOnlyCollection<string>? except = null)
    {
        var document = new InventoryDocument
        {
            Ssh = new InventorySshDefaults { User = "root", KeyFile = keyFile },
            Machines = lab.Machines.Where(m => except?.Contains(m.Name) != true).Select(m => new InventoryMachine
            {
                Name = m.Name,
                Address = m.Machine.Address.ToString(),
                SshHost = m.SshHost,
                Port = m.SshPort,
                Role = m.Machine.Role.ToName(),
                Subnet = m.Machine.Subnet,
                Pool = m.Machine.Pool,
            }).ToList(),
        };
        return "# Inventory of lab " + lab.Name + ": machines are containers; SSH is published on 127.0.0.1.\n"
            + new SerializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull).Build().Serialize(document);
    }
}
