using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Lab.Dashboard;

/// <summary>The dashboard API's JSON: camelCase, enums by name, compact (one SSE line per event).</summary>
internal static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
