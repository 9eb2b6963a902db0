using k8s;
using k8s.Models;
using Platform.Hosting.Publishing;

namespace Platform.Lab.Substrates;

/// <summary>One step of the fast lab; the plan lists them and the substrate runs them, so both say the same words.</summary>
public sealed record FastLabStep
{
    /// <summary>What the step does.</summary>
    public required FastLabStepKind Kind { get; init; }

    /// <summary>The model resource whose state and log the step belongs to.</summary>
    public required string Resource { get; init; }

    /// <summary>One line saying what the step does, for the plan, the progress output and the resource's log.</summary>
    public required string Title { get; init; }

    /// <summary>The artifact path the objects come from, or <see cref="FastLabOverrides.Source"/> for objects only the lab adds.</summary>
    public string? Source { get; init; }

    /// <summary>For <see cref="FastLabStepKind.Apply"/>: the objects, in order, lab overrides applied.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; init; } = [];

    /// <summary>For <see cref="FastLabStepKind.WaitForCrds"/>: the CRD names.</summary>
    public IReadOnlyList<string> Crds { get; init; } = [];

    /// <summary>For <see cref="FastLabStepKind.WaitReady"/>: the check.</summary>
    public ReadinessCheck? Check { get; init; }

    /// <summary>For <see cref="FastLabStepKind.WaitEndpoint"/>: the endpoint.</summary>
    public LabEndpoint? Endpoint { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Resource}: {Title}";
}
