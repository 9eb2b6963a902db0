namespace Platform.Hosting.ApplicationModel;

/// <summary>A named part of the platform model.</summary>
public interface IResource
{
    /// <summary>The resource name, unique in the model.</summary>
    string Name { get; }

    /// <summary>The layer (1-10) of the platform this resource belongs to.</summary>
    PlatformLayer Layer { get; }

    /// <summary>The annotations that configure this resource.</summary>
    ResourceAnnotationCollection Annotations { get; }
}
