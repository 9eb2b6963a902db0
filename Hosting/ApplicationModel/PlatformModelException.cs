namespace Aspire.Hosting.ApplicationModel;

/// <summary>A model was used in a way it does not support.</summary>
public sealed class PlatformModelException(string message) : PlatformException(message);
