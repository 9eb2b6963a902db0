namespace Aspire.Hosting.ApplicationModel;

/// <summary>How the ingress controller is exposed.</summary>
public sealed record IngressControllerAnnotation : IResourceAnnotation
{
    /// <summary>The defaults: NodePorts 30080/30443, 2 replicas.</summary>
    public static IngressControllerAnnotation Default { get; } = new() { HttpNodePort = 30080, HttpsNodePort = 30443, Replicas = 2 };

    /// <summary>The NodePort for HTTP.</summary>
    public required int HttpNodePort { get; init; }

    /// <summary>The NodePort for HTTPS.</summary>
    public required int HttpsNodePort { get; init; }

    /// <summary>Controller replicas.</summary>
    public required int Replicas { get; init; }
}
