namespace Aspire.Hosting.ApplicationModel;

/// <summary>Base of every platform resource: an Aspire resource that belongs to one of the ten layers.</summary>
/// <param name="name">The unique name of the resource.</param>
public abstract class PlatformResource(string name) : Resource(name)
{
    /// <summary>The layer (1-10) of the platform this resource belongs to.</summary>
    public abstract PlatformLayer Layer { get; }

    /// <summary>What this resource is installed from (a chart and version, a package), for the dashboard's Source column; null when nothing says more than its type.</summary>
    public virtual string? DeployedFrom => null;

    /// <summary>A short type name shown in the dashboard's Type column and in messages.</summary>
    public virtual string TypeName => GetType().Name.Replace("Resource", "", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{TypeName} '{Name}'";
}
