namespace Aspire.Hosting.ApplicationModel;

/// <summary>Queries over a resource's annotations.</summary>
public static class PlatformResourceExtensions
{
    /// <summary>Gets the last annotation of a type, or throws naming the resource and the missing annotation.</summary>
    public static T GetRequiredAnnotation<T>(this IResource resource)
        where T : class, IResourceAnnotation
        => resource.Annotations.OfType<T>().LastOrDefault()
           ?? throw new PlatformModelException($"{resource} has no {typeof(T).Name}. Configure it with the matching With... builder method.");

    /// <summary>Gets every annotation of a type, in the order added.</summary>
    public static IEnumerable<T> GetAnnotations<T>(this IResource resource)
        where T : IResourceAnnotation
        => resource.Annotations.OfType<T>();
}
