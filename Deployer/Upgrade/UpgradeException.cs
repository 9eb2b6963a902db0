using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Upgrade;

/// <summary>An upgrade that must not start (a skipped minor line, a downgrade, deprecated APIs in use); nothing was changed.</summary>
public sealed class UpgradeException(string message) : PlatformException(message);
