using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Testing;

/// <summary>Validates a test's app-model builder into the platform model, as every mode does.</summary>
public static class ModelBuilding
{
    /// <summary>The validated platform model of <paramref name="builder"/>'s resources.</summary>
    public static PlatformModel BuildModel(this IDistributedApplicationBuilder builder) => PlatformModel.Build(builder);
}
