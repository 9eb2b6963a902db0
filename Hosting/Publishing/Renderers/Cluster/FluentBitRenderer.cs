using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>
/// Layer 8: Fluent Bit on every node (control planes too) shipping container logs, the journal of kubelet,
/// containerd and etcd, and the API audit log to Elasticsearch over TLS with ECK's generated credentials.
/// </summary>
public sealed class FluentBitRenderer : IArtifactRenderer
{
    /// <summary>The prefix of the daily log indices (<c>platform-YYYY.MM.DD</c>).</summary>
    public const string IndexPrefix = "platform";

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<FluentBitResource>() is not { } fluentBit)
        {
            yield break;
        }

        var es = fluentBit.Elasticsearch.Name;
        var audit = context.Model.Find<AuditPolicyResource>()?.Log.Path;
        var inputs = """
            [INPUT]
                Name              tail
                Tag               kube.*
                Path              /var/log/containers/*.log
                multiline.parser  cri
                Mem_Buf_Limit     50MB
                Skip_Long_Lines   On
                DB                /var/lib/fluent-bit/containers.db

            [INPUT]
                Name              systemd
                Tag               host.*
                Systemd_Filter    _SYSTEMD_UNIT=kubelet.service
                Systemd_Filter    _SYSTEMD_UNIT=containerd.service
                Systemd_Filter    _SYSTEMD_UNIT=etcd.service
                Read_From_Tail    On
            """;
        if (audit is not null)
        {
            inputs += $"""


                [INPUT]
                    Name              tail
                    Tag               audit.*
                    Path              {audit}
                    Parser            json
                    DB                /var/lib/fluent-bit/audit.db
                """;
        }

        var filters = """
            [FILTER]
                Name                kubernetes
                Match               kube.*
                Merge_Log           On
                Keep_Log            Off
                K8S-Logging.Parser  On
                K8S-Logging.Exclude On
            """;
        var outputs = $$"""
            [OUTPUT]
                Name                es
                Match               *
                Host                {{es}}-es-http.{{ElasticsearchResource.Namespace}}.svc
                Port                9200
                HTTP_User           elastic
                HTTP_Passwd         ${ES_PASSWORD}
                tls                 On
                tls.verify          On
                tls.ca_file         /etc/elasticsearch-ca/ca.crt
                Logstash_Format     On
                Logstash_Prefix     {{IndexPrefix}}
                Suppress_Type_Name  On
                Replace_Dots        On
                Retry_Limit         10
            """;
        var values = new
        {
            tolerations = new[] { new { @operator = "Exists" } },
            env = new[] { new { name = "ES_PASSWORD", valueFrom = new { secretKeyRef = new { name = $"{es}-es-elastic-user", key = "elastic" } } } },
            extraVolumes = new object[]
            {
                new { name = "elasticsearch-ca", secret = new { secretName = $"{es}-es-http-certs-public" } },
                new { name = "state", hostPath = new { path = "/var/lib/fluent-bit", type = "DirectoryOrCreate" } },
                new { name = "audit", hostPath = new { path = audit is null ? "/var/log/kubernetes" : Path.GetDirectoryName(audit)!.Replace('\\', '/'), type = "DirectoryOrCreate" } },
            },
            extraVolumeMounts = new object[]
            {
                new { name = "elasticsearch-ca", mountPath = "/etc/elasticsearch-ca", readOnly = true },
                new { name = "state", mountPath = "/var/lib/fluent-bit" },
                new { name = "audit", mountPath = audit is null ? "/var/log/kubernetes" : Path.GetDirectoryName(audit)!.Replace('\\', '/'), readOnly = true },
            },
            config = new { inputs, filters, outputs },
        };
        yield return Artifact.ForCluster(PlatformLayer.Observability, Components.FluentBit, $"addons/{fluentBit.Name}.yaml",
            HelmCharts.Yaml("Fluent Bit: container, kubelet/containerd/etcd journal and audit logs to Elasticsearch.", HelmCharts.For(fluentBit, values)));
    }
}
