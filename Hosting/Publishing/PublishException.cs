using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing;

/// <summary>Publish could not write its output; nothing was written.</summary>
public sealed class PublishException(string message, Exception? inner = null) : PlatformException(message, inner ?? new IOException(message));
