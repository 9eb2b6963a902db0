namespace Platform.Hosting.ApplicationModel;

/// <summary>How <c>WithAnnotation</c> treats annotations of the same type already present.</summary>
public enum ResourceAnnotationMutationBehavior
{
    /// <summary>Add the annotation next to any existing ones of its type.</summary>
    Append,

    /// <summary>Remove existing annotations of the same type first.</summary>
    Replace,
}
