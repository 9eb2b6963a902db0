namespace Platform.Hosting.ApplicationModel;

/// <summary>Collects the resources of a platform; <see cref="Build"/> validates them into a <see cref="PlatformModel"/>.</summary>
public interface IPlatformBuilder
{
    /// <summary>The command-line arguments the AppHost was started with.</summary>
    IReadOnlyList<string> Args { get; }

    /// <summary>Every resource added so far, in the order added.</summary>
    IReadOnlyList<IResource> Resources { get; }

    /// <summary>Adds a resource and returns a builder for it.</summary>
    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;

    /// <summary>Returns a builder for a resource that is already in the model.</summary>
    IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource;

    /// <summary>Validates the model and freezes it.</summary>
    /// <exception cref="Validation.PlatformValidationException">The model has one or more errors; all are listed.</exception>
    PlatformModel Build();
}
