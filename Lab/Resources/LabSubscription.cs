using System.Threading.Channels;

namespace Platform.Lab.Resources;

/// <summary>
/// One listener's queue of events. It is registered when created, so nothing published between
/// subscribing and reading is lost; dispose it to unregister.
/// </summary>
public sealed class LabSubscription : IDisposable
{
    private readonly Action<LabSubscription> _unsubscribe;

    internal LabSubscription(Action<LabSubscription> unsubscribe)
    {
        _unsubscribe = unsubscribe;

        // A slow page drops its oldest events rather than growing memory; it reloads the snapshot on reconnect.
        Channel = System.Threading.Channels.Channel.CreateBounded<LabEvent>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    }

    /// <summary>The events, in the order they were published.</summary>
    public ChannelReader<LabEvent> Events => Channel.Reader;

    internal Channel<LabEvent> Channel { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        _unsubscribe(this);
        Channel.Writer.TryComplete();
    }
}
