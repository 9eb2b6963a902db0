using System.Collections.Concurrent;
using Docker.DotNet;
using Platform.Deployer.Hosts;

namespace Platform.Lab.Machines;

/// <summary>
/// Streams each machine's journal for the platform's units (etcd, HAProxy, keepalived, node_exporter...) into a
/// sink, so a failing service shows why in the machine's console log. One follower per running machine.
/// </summary>
public sealed class MachineJournals(MachineLab lab, Action<string, string> onLine) : IDisposable
{
    /// <summary>The units followed: those the Deployer manages, but sshd (every login would show).</summary>
    public static IReadOnlyList<string> Units { get; } = [.. ManagedUnits.All.Where(u => u != "ssh.service"), "etcd-snapshot.service"];

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _followers = new();

    /// <summary>Starts following <paramref name="machine"/> (again, after it was powered on): <paramref name="units"/>, or <see cref="Units"/>.</summary>
    public void Follow(string machine, IReadOnlyList<string>? units = null)
    {
        Stop(machine);
        var cancel = new CancellationTokenSource();
        _followers[machine] = cancel;
        _ = Task.Run(async () =>
        {
            try
            {
                await lab.FollowJournalAsync(machine, units ?? Units, line => onLine(machine, "[journal] " + line), cancel.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or DockerApiException or IOException)
            {
                // The machine stopped or the lab is going away: nothing left to follow.
            }
        });
    }

    /// <summary>Stops following <paramref name="machine"/> (it is being powered off).</summary>
    public void Stop(string machine)
    {
        if (_followers.TryRemove(machine, out var cancel))
        {
            cancel.Cancel();
            cancel.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var machine in _followers.Keys.ToList())
        {
            Stop(machine);
        }
    }
}
