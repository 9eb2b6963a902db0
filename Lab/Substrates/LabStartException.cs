using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Substrates;

/// <summary>The lab could not come up; the message says what failed and what to do.</summary>
public sealed class LabStartException(string message) : PlatformException(message);
