using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>Builds a Grafana dashboard (JSON model) of time-series panels on the Prometheus data source.</summary>
public sealed class GrafanaDashboard(string uid, string title)
{
    private readonly JsonArray _panels = [];

    /// <summary>The dashboard uid.</summary>
    public string Uid { get; } = uid;

    /// <summary>Adds a time-series panel; panels flow two per row.</summary>
    public GrafanaDashboard Panel(string title, string unit, params (string Expr, string Legend)[] queries)
    {
        var index = _panels.Count;
        var targets = new JsonArray();
        for (var i = 0; i < queries.Length; i++)
        {
            targets.Add(new JsonObject { ["expr"] = queries[i].Expr, ["legendFormat"] = queries[i].Legend, ["refId"] = ((char)('A' + i)).ToString() });
        }

        _panels.Add(new JsonObject
        {
            ["id"] = index + 1,
            ["type"] = "timeseries",
            ["title"] = title,
            ["datasource"] = new JsonObject { ["type"] = "prometheus", ["uid"] = "prometheus" },
            ["gridPos"] = new JsonObject { ["h"] = 8, ["w"] = 12, ["x"] = index % 2 * 12, ["y"] = index / 2 * 8 },
            ["fieldConfig"] = new JsonObject { ["defaults"] = new JsonObject { ["unit"] = unit }, ["overrides"] = new JsonArray() },
            ["targets"] = targets,
        });
        return this;
    }

    /// <summary>The dashboard JSON.</summary>
    public string ToJson() => new JsonObject
    {
        ["uid"] = Uid,
        ["title"] = title,
        ["tags"] = new JsonArray("platform"),
        ["schemaVersion"] = 39,
        ["editable"] = false,
        ["time"] = new JsonObject { ["from"] = "now-6h", ["to"] = "now" },
        ["refresh"] = "30s",
        ["panels"] = _panels.DeepClone(),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
}
