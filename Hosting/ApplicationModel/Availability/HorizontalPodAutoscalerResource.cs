namespace Aspire.Hosting.ApplicationModel;

/// <summary>An example workload scaled by CPU: a Deployment, its Service and an autoscaling/v2 HPA (layer 9).</summary>
/// <param name="name">The workload name.</param>
/// <param name="parent">The cluster.</param>
public sealed class HorizontalPodAutoscalerResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Availability;

    /// <summary>Replica bounds and CPU target.</summary>
    public PodAutoscalingAnnotation Scaling => this.GetRequiredAnnotation<PodAutoscalingAnnotation>();

    /// <inheritdoc />
    public override string TypeName => "HorizontalPodAutoscaler";
}
