namespace Aspire.Hosting.ApplicationModel;

/// <summary>The base of every error Platform raises about a model, an inventory or a host.</summary>
public class PlatformException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlatformException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public PlatformException(string message, Exception inner) : base(message, inner) { }
}
