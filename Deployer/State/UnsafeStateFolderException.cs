using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.State;

/// <summary>The state folder can be read by other users; it holds the CA keys, so it is not used.</summary>
public sealed class UnsafeStateFolderException(string path, string mode)
    : PlatformException($"The state folder {path} has mode {mode}: other users can read it, and it holds the cluster's and etcd's CA keys, the bootstrap token and generated passwords. Nothing was touched. Make it private with: chmod -R go-rwx '{path}' (then consider the keys in it exposed if other users had access).")
{
    /// <summary>The folder.</summary>
    public string Path { get; } = path;
}
