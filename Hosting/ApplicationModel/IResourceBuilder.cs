namespace Platform.Hosting.ApplicationModel;

/// <summary>Configures one resource; returned by <c>AddXxx</c> and every <c>WithYyy</c>.</summary>
/// <typeparam name="T">The resource type.</typeparam>
public interface IResourceBuilder<out T>
    where T : IResource
{
    /// <summary>The builder that owns the whole model.</summary>
    IPlatformBuilder ApplicationBuilder { get; }

    /// <summary>The resource being configured.</summary>
    T Resource { get; }

    /// <summary>Attaches an annotation.</summary>
    /// <param name="annotation">The annotation.</param>
    /// <param name="behavior">Whether to append or to replace annotations of the same type.</param>
    IResourceBuilder<T> WithAnnotation<TAnnotation>(TAnnotation annotation, ResourceAnnotationMutationBehavior behavior = ResourceAnnotationMutationBehavior.Append)
        where TAnnotation : IResourceAnnotation;
}
