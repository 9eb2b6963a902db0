namespace Aspire.Hosting.ApplicationModel;

/// <summary>Cluster Autoscaler for the worker pool (layer 9).</summary>
/// <param name="name">The resource name.</param>
/// <param name="workers">The pool it grows and shrinks.</param>
/// <param name="parent">The cluster.</param>
public sealed class ClusterAutoscalerResource(string name, NodePoolResource workers, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <summary>The scaled pool.</summary>
    public NodePoolResource Workers { get; } = workers;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Availability;

    /// <summary>Bounds and the cloud provider that creates and removes VMs.</summary>
    public NodeAutoscalingAnnotation Scaling => this.GetRequiredAnnotation<NodeAutoscalingAnnotation>();
}
