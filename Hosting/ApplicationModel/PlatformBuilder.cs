using Platform.Hosting.Validation;

namespace Platform.Hosting.ApplicationModel;

/// <summary>The entry point of an AppHost: add resources, then <see cref="Build"/>.</summary>
/// <example>
/// <code>
/// var builder = PlatformBuilder.CreateBuilder(args);
/// var network = builder.AddNetwork("private", "10.20.0.0/16");
/// var cluster = builder.AddKubernetesCluster("prod");
/// var model = builder.Build();
/// </code>
/// </example>
public sealed class PlatformBuilder : IPlatformBuilder
{
    private readonly List<IResource> _resources = [];

    private PlatformBuilder(string[] args) => Args = args;

    /// <summary>Creates a builder for an AppHost started with <paramref name="args"/>.</summary>
    public static PlatformBuilder CreateBuilder(string[]? args = null) => new(args ?? []);

    /// <inheritdoc />
    public IReadOnlyList<string> Args { get; }

    /// <inheritdoc />
    public IReadOnlyList<IResource> Resources => _resources;

    /// <inheritdoc />
    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        // Duplicate names are reported by validation with every other error, not thrown here.
        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    /// <inheritdoc />
    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource
    {
        if (!_resources.Contains(resource))
        {
            throw new PlatformModelException($"{resource} is not part of this model. Add it with AddResource first.");
        }

        return new ResourceBuilder<T>(this, resource);
    }

    /// <inheritdoc />
    public PlatformModel Build()
    {
        var model = new PlatformModel(_resources.ToArray());
        var errors = PlatformValidator.Validate(model);
        if (errors.Count > 0)
        {
            throw new PlatformValidationException(errors);
        }

        return model;
    }
}
