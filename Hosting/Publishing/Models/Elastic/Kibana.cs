namespace Platform.Hosting.Publishing.Models.Elastic;

/// <summary>kibana.k8s.elastic.co/v1 Kibana.</summary>
public sealed class Kibana() : CustomResource<KibanaSpec>("kibana.k8s.elastic.co/v1", "Kibana")
{
    /// <summary>The CRD that serves it.</summary>
    public const string CrdName = "kibanas.kibana.k8s.elastic.co";
}
