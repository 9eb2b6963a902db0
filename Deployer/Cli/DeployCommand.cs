using System.CommandLine;
using Platform.Hosting.ApplicationModel;

namespace Platform.Deployer.Cli;

/// <summary>Deploy mode: plan and apply onto VMs over SSH.</summary>
public static class DeployCommand
{
    /// <summary>Creates the <c>deploy</c> command.</summary>
    public static Command Create(IPlatformBuilder builder)
    {
        _ = builder;
        return new Command("deploy", "Plan and apply the platform onto Ubuntu 24.04 VMs over SSH.");
    }
}
