namespace Platform.Lab.Substrates;

/// <summary>A NodePort of the k3s node that the fast lab publishes on 127.0.0.1, and the resource it belongs to.</summary>
/// <param name="Resource">The model resource the endpoint is shown on.</param>
/// <param name="Name">What it is (<c>ui</c>, <c>http</c>, <c>https</c>).</param>
/// <param name="Scheme"><c>http</c> or <c>https</c>.</param>
/// <param name="NodePort">The NodePort inside the k3s container.</param>
public sealed record LabEndpoint(string Resource, string Name, string Scheme, int NodePort)
{
    /// <summary>The address on this machine once <see cref="NodePort"/> is published on <paramref name="hostPort"/>.</summary>
    public string Url(int hostPort) => $"{Scheme}://127.0.0.1:{hostPort}";

    /// <inheritdoc />
    public override string ToString() => $"{Resource} {Name} ({Scheme}) on NodePort {NodePort}";
}
