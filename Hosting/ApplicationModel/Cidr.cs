using System.Net;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>Parses address ranges given to builder methods, with errors that name the resource.</summary>
internal static class Cidr
{
    public static IPNetwork Parse(string value, string what)
    {
        // .NET silently masks host bits (10.20.2.7/24 becomes 10.20.2.0/24); a typo like that should be an error.
        if (IPNetwork.TryParse(value, out var network) && network.ToString() == value.Trim())
        {
            return network;
        }

        throw new PlatformModelException(
            $"{what}: '{value}' is not a CIDR range. Write it as base-address/prefix with the host bits zero, for example 10.20.1.0/24.");
    }

    public static IPAddress ParseAddress(string value, string what)
        => IPAddress.TryParse(value, out var address)
            ? address
            : throw new PlatformModelException($"{what}: '{value}' is not an IP address. Write it like 10.20.3.10.");
}
