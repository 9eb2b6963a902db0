namespace Aspire.Hosting.ApplicationModel;

/// <summary>node_exporter runs on every machine (load balancers too) as the distribution's package.</summary>
public static class NodeExporterVersions
{
    /// <summary>The package.</summary>
    public const string Package = "prometheus-node-exporter";

    /// <summary>The port it listens on.</summary>
    public const int Port = 9100;
}
