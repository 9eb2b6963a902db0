namespace Platform.Hosting.ApplicationModel;

/// <summary>Base class for model resources: a name, a layer and annotations.</summary>
public abstract class Resource : IResource
{
    /// <summary>Creates a resource.</summary>
    /// <param name="name">The unique name of the resource.</param>
    protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public abstract PlatformLayer Layer { get; }

    /// <inheritdoc />
    public ResourceAnnotationCollection Annotations { get; } = [];

    /// <summary>A short type name shown in tables and on the dashboard.</summary>
    public virtual string TypeName => GetType().Name.Replace("Resource", "", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{TypeName} '{Name}'";
}
