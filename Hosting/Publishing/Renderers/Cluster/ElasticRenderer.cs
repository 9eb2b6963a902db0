using k8s.Models;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing.Models.Elastic;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>Layer 8: the ECK operator, and the Elasticsearch and Kibana objects it runs.</summary>
public sealed class ElasticRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<ElasticsearchResource>() is not { } elasticsearch)
        {
            yield break;
        }

        yield return Artifact.ForCluster(PlatformLayer.Observability, Components.Elasticsearch, "addons/eck-operator.yaml",
            HelmCharts.Yaml("ECK operator: runs Elasticsearch and Kibana.", HelmCharts.For(elasticsearch, new { managedNamespaces = new[] { ElasticsearchResource.Namespace } })));

        var topology = elasticsearch.Topology;
        var storageClass = HelmCharts.DefaultStorageClass(context.Model);
        var es = new Elasticsearch
        {
            Metadata = new V1ObjectMeta { Name = elasticsearch.Name, NamespaceProperty = ElasticsearchResource.Namespace },
            Spec = new ElasticsearchSpec
            {
                Version = ElasticVersions.StackVersion,
                NodeSets =
                [
                    new ElasticsearchNodeSet
                    {
                        Name = "default",
                        Count = topology.Nodes,
                        Config = new Dictionary<string, object> { ["node.store.allow_mmap"] = false },
                        VolumeClaimTemplates =
                        [
                            new V1PersistentVolumeClaim
                            {
                                Metadata = new V1ObjectMeta { Name = "elasticsearch-data" },
                                Spec = new V1PersistentVolumeClaimSpec
                                {
                                    AccessModes = ["ReadWriteOnce"],
                                    StorageClassName = storageClass,
                                    Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new($"{topology.VolumeSizeGiB}Gi") } },
                                },
                            },
                        ],
                    },
                ],
            },
        };
        yield return Artifact.ForCluster(PlatformLayer.Observability, Components.Elasticsearch, "logging/elasticsearch.yaml",
            HelmCharts.Yaml($"Elasticsearch {ElasticVersions.StackVersion}, {topology.Nodes} nodes; applied once ECK's CRDs are Established.", HelmCharts.Namespace(ElasticsearchResource.Namespace, PlatformNetworkPoliciesRenderer.PodSecurityOf(ElasticsearchResource.Namespace)), es));

        foreach (var kibana in context.Model.OfType<KibanaResource>())
        {
            var item = new Kibana
            {
                Metadata = new V1ObjectMeta { Name = kibana.Name, NamespaceProperty = ElasticsearchResource.Namespace },
                Spec = new KibanaSpec { Version = ElasticVersions.StackVersion, Count = 1, ElasticsearchRef = new Dictionary<string, string> { ["name"] = elasticsearch.Name } },
            };
            yield return Artifact.ForCluster(PlatformLayer.Observability, Components.Kibana, "logging/kibana.yaml", HelmCharts.Yaml("Kibana on the platform's Elasticsearch.", item));
        }
    }
}
