using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Resources;

/// <summary>
/// The lab's live state: every resource's snapshot, per-resource logs and the deploy progress grid.
/// Substrates write to it; the dashboard reads it and streams its events. Thread-safe.
/// </summary>
public sealed class ResourceStateStore
{
    /// <summary>Lines kept per resource log; older lines are dropped.</summary>
    public const int MaxLogLines = 2000;

    private readonly Lock _gate = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, ResourceSnapshot> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<string>> _logs = new(StringComparer.Ordinal);
    private readonly List<string> _phases = [];
    private readonly Dictionary<(string Phase, string Host), DeployProgressEntry> _deploy = [];
    private readonly List<LabSubscription> _subscribers = [];
    private readonly TimeProvider _time;
    private LabStatus _lab;

    /// <summary>Creates the store with every resource of <paramref name="model"/> waiting.</summary>
    public ResourceStateStore(PlatformModel model, LabStatus lab, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _lab = lab;
        foreach (var resource in model.Resources)
        {
            Add(resource.Name, TypeName(resource), resource.Layer);
        }
    }

    /// <summary>The lab's overall status.</summary>
    public LabStatus Lab
    {
        get
        {
            lock (_gate)
            {
                return _lab;
            }
        }
    }

    /// <summary>Every resource, in the order they were added (the model's order, then machines).</summary>
    public IReadOnlyList<ResourceSnapshot> Resources
    {
        get
        {
            lock (_gate)
            {
                return _order.Select(n => _resources[n]).ToList();
            }
        }
    }

    /// <summary>The deploy progress cells, phases in the order they started.</summary>
    public IReadOnlyList<DeployProgressEntry> DeployProgress
    {
        get
        {
            lock (_gate)
            {
                return _phases.SelectMany(p => _deploy.Values.Where(e => e.Phase == p)).ToList();
            }
        }
    }

    /// <summary>The resource type name shown on the dashboard: the class name without <c>Resource</c>.</summary>
    public static string TypeName(IResource resource)
    {
        var name = resource.GetType().Name;
        return name.EndsWith("Resource", StringComparison.Ordinal) ? name[..^"Resource".Length] : name;
    }

    /// <summary>A resource by name, or null.</summary>
    public ResourceSnapshot? Find(string name)
    {
        lock (_gate)
        {
            return _resources.GetValueOrDefault(name);
        }
    }

    /// <summary>Adds a resource the model does not list by itself (a lab machine); no-op when it exists.</summary>
    public void Add(string name, string type, PlatformLayer layer)
    {
        ResourceSnapshot snapshot;
        lock (_gate)
        {
            if (_resources.ContainsKey(name))
            {
                return;
            }

            snapshot = new ResourceSnapshot(name, type, layer, ResourceState.Waiting, "", [], _time.GetUtcNow());
            _order.Add(name);
            _resources[name] = snapshot;
            _logs[name] = new Queue<string>();
            Publish(new ResourceChangedEvent(snapshot));
        }
    }

    /// <summary>Adds a machine of the lab or the inventory (layer 1), waiting.</summary>
    public void AddMachine(Machine machine) => Add(machine.Name, "Machine", PlatformLayer.Infrastructure);

    /// <summary>A machine is up: running, with its role and address, and its SSH login as endpoint.</summary>
    public void SetMachineUp(Machine machine, string user, string sshHost, int sshPort)
        => Set(machine.Name, ResourceState.Running, $"{machine.Role.ToName()} at {machine.Address}", [new ResourceEndpoint("ssh", $"ssh://{user}@{sshHost}:{sshPort}")]);

    /// <summary>Sets a resource's state; a null detail or endpoint list keeps the current one.</summary>
    /// <exception cref="KeyNotFoundException">No resource has that name.</exception>
    public void Set(string name, ResourceState state, string? detail = null, IReadOnlyList<ResourceEndpoint>? endpoints = null)
    {
        ResourceSnapshot snapshot;
        lock (_gate)
        {
            if (!_resources.TryGetValue(name, out var current))
            {
                throw new KeyNotFoundException($"The lab has no resource '{name}'. Resources: {string.Join(", ", _order)}.");
            }

            // Compare before stamping the time (and endpoints by content), or every repeated Set would publish.
            snapshot = current with { State = state, Detail = detail ?? current.Detail, Endpoints = endpoints ?? current.Endpoints };
            if (snapshot.State == current.State && snapshot.Detail == current.Detail && snapshot.Endpoints.SequenceEqual(current.Endpoints))
            {
                return;
            }

            snapshot = snapshot with { Updated = _time.GetUtcNow() };
            _resources[name] = snapshot;
            Publish(new ResourceChangedEvent(snapshot));
        }
    }

    /// <summary>Appends a line to a resource's log (unknown names are ignored: the lab may log before adding).</summary>
    public void AppendLog(string name, string line)
    {
        lock (_gate)
        {
            if (!_logs.TryGetValue(name, out var log))
            {
                return;
            }

            log.Enqueue(line);
            if (log.Count > MaxLogLines)
            {
                log.Dequeue();
            }

            Publish(new LogAppendedEvent(name, line));
        }
    }

    /// <summary>The last <paramref name="tail"/> lines of a resource's log; null when there is no such resource.</summary>
    public IReadOnlyList<string>? Logs(string name, int tail = MaxLogLines)
    {
        lock (_gate)
        {
            return _logs.TryGetValue(name, out var log) ? log.Skip(Math.Max(0, log.Count - tail)).ToList() : null;
        }
    }

    /// <summary>Sets the lab's overall message.</summary>
    public void SetLab(string message, bool? ready = null)
    {
        lock (_gate)
        {
            var lab = _lab = _lab with { Message = message, Ready = ready ?? _lab.Ready };
            Publish(new LabStatusEvent(lab));
        }
    }

    /// <summary>Records a host's progress in a phase.</summary>
    public void SetDeploy(DeployProgressEntry entry)
    {
        lock (_gate)
        {
            if (!_phases.Contains(entry.Phase))
            {
                _phases.Add(entry.Phase);
            }

            _deploy[(entry.Phase, entry.Host)] = entry;
            Publish(new DeployProgressEvent(entry));
        }
    }

    /// <summary>The current cell of a host in a phase, or null.</summary>
    public DeployProgressEntry? FindDeploy(string phase, string host)
    {
        lock (_gate)
        {
            return _deploy.GetValueOrDefault((phase, host));
        }
    }

    /// <summary>Registers a listener now; events published from here on are queued for it.</summary>
    public LabSubscription Subscribe()
    {
        var subscription = new LabSubscription(s =>
        {
            lock (_gate)
            {
                _subscribers.Remove(s);
            }
        });
        lock (_gate)
        {
            _subscribers.Add(subscription);
        }

        return subscription;
    }

    // Called under the lock, so every listener sees events in the order the state changed.
    private void Publish(LabEvent labEvent)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Channel.Writer.TryWrite(labEvent);
        }
    }
}
