using Platform.Lab.Resources;

namespace Platform.Lab.Substrates;

/// <summary>
/// A way of running the platform locally. It reports every resource's state, URLs and logs to Aspire through
/// <see cref="LabResources"/>; disposing it removes what it started unless <see cref="Keep"/> was called.
/// </summary>
public interface ILabSubstrate : IAsyncDisposable
{
    /// <summary>Which substrate this is.</summary>
    LabSubstrateKind Kind { get; }

    /// <summary>Brings the lab up (or adopts a kept one) and returns once it is ready, or throws.</summary>
    Task StartAsync(LabResources resources, CancellationToken cancellationToken);

    /// <summary>Leaves everything running when disposed (<c>Lab:Keep</c>).</summary>
    void Keep();
}
