namespace Aspire.Hosting.ApplicationModel;

/// <summary>The HPA's bounds and target.</summary>
public sealed record PodAutoscalingAnnotation : IResourceAnnotation
{
    /// <summary>The namespace of the workload.</summary>
    public required string Namespace { get; init; }

    /// <summary>The fewest replicas.</summary>
    public required int MinReplicas { get; init; }

    /// <summary>The most replicas.</summary>
    public required int MaxReplicas { get; init; }

    /// <summary>Average CPU utilisation to aim for, in percent of requests.</summary>
    public required int TargetCpuUtilization { get; init; }

    /// <summary>The container image of the example workload: it runs as a non-root user, as restricted PodSecurity requires.</summary>
    public string Image { get; init; } = "registry.k8s.io/e2e-test-images/agnhost:2.47";

    /// <summary>The container's arguments (agnhost's HTTP server).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = ["netexec", "--http-port=8080"];

    /// <summary>The port it serves HTTP on (unprivileged: above 1023).</summary>
    public int Port { get; init; } = 8080;
}
