using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Etcd;

/// <summary>An etcd operation could not run or refused to; the message names the host, file or setting and the fix.</summary>
public sealed class EtcdOperationException(string message) : PlatformException(message);
