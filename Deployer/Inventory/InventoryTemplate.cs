using System.Globalization;
using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Inventory;

/// <summary>
/// A commented inventory skeleton that matches the model: one entry per planned machine with its pool, role and
/// subnet, the planned address as an example to replace, and every optional field explained. As rendered it
/// passes the inventory checks, so a new user edits addresses and SSH settings instead of guessing field names.
/// </summary>
public static class InventoryTemplate
{
    /// <summary>The file name <c>aspire do inventory-template</c> writes.</summary>
    public const string FileName = "inventory.yaml";

    /// <summary>The key file the skeleton names.</summary>
    public const string DefaultKeyFile = "~/.ssh/id_ed25519";

    /// <summary>The skeleton for <paramref name="model"/>.</summary>
    public static string Render(PlatformModel model, string keyFile = DefaultKeyFile)
    {
        var topology = model.PlanTopology();
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');

        Line($"# Inventory of platform '{model.Cluster.Name}': one entry per VM of the model (AppHost/Program.cs).");
        Line("# Replace each planned address with the VM's real private address (inside its subnet) and set how SSH");
        Line("# reaches the VMs. Every field is checked against the model before anything is touched:");
        Line("#   aspire do plan -- --Parameters:inventory=inventory.yaml");
        Line("ssh:");
        Line("  user: ubuntu                  # a user with passwordless sudo on every VM (root works too)");
        Line($"  keyFile: {keyFile}    # private key; ~ and paths relative to this file work");
        Line("  port: 22");
        Line("machines:");
        foreach (var pool in model.NodePools)
        {
            var size = pool.Size;
            Line(string.Create(CultureInfo.InvariantCulture,
                $"  # pool '{pool.Name}': {pool.Count} {pool.Role.ToName()} machine(s) in subnet '{pool.Subnet.Name}' ({pool.Subnet.Cidr}), at least {size.Cpus} CPUs, {size.MemoryGiB} GiB, {size.DiskGiB} GiB disk"));
            foreach (var machine in topology.Machines.Where(m => m.Pool == pool.Name))
            {
                Line($"  - name: {machine.Name}");
                Line($"    address: {machine.Address}          # planned; the VM's private address in {pool.Subnet.Cidr}");
                Line($"    role: {pool.Role.ToName()}");
                Line($"    subnet: {pool.Subnet.Name}");
                Line($"    pool: {pool.Name}");
                Line("    # sshHost: 203.0.113.10      # where SSH reaches the VM, when not at its private address");
                Line("    # interface: eth0            # the NIC holding the address; found on the VM when omitted");
            }
        }

        return text.ToString();
    }
}
