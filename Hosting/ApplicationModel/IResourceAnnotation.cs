namespace Platform.Hosting.ApplicationModel;

/// <summary>Marker for a piece of configuration attached to a resource.</summary>
public interface IResourceAnnotation;
