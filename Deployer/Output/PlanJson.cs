using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Deployer.Phases;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Output;

/// <summary>The plan as JSON: hosts with their changes per phase, warnings and failures.</summary>
public static class PlanJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Serializes a result.</summary>
    public static string Serialize(string cluster, PlatformTopology topology, DeploymentResult result)
    {
        var document = new
        {
            cluster,
            dryRun = result.DryRun,
            totalChanges = result.Changes.Count,
            hosts = topology.Machines.Select(m => new
            {
                name = m.Name,
                role = m.Role.ToName(),
                address = m.Address.ToString(),
                changes = result.Changes.Where(c => c.Host == m.Name).Select(c => new { phase = c.Phase, description = c.Description }).ToArray(),
            }).ToArray(),
            warnings = result.Warnings.Select(w => new { host = w.Host, phase = w.Phase, message = w.Message }).ToArray(),
            failures = result.Failures.Select(f => new { host = f.Host, phase = f.Phase, error = f.Error.Message, retryable = f.Retryable }).ToArray(),
        };
        return JsonSerializer.Serialize(document, Options);
    }
}
