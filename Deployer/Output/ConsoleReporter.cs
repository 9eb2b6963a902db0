using System.Collections.Concurrent;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Spectre.Console;

namespace Platform.Deployer.Output;

/// <summary>
/// Shows a run as it happens: on an interactive terminal a live table of hosts (phase, status, changes);
/// otherwise one line per event, so logs and CI output read the same story.
/// </summary>
public sealed class ConsoleReporter(IAnsiConsole console, bool live) : DeploymentObserver
{
    private readonly ConcurrentDictionary<string, HostRow> _rows = new();
    private readonly Lock _lock = new();
    private LiveDisplayContext? _display;

    /// <summary>Runs <paramref name="work"/> with the live table shown (interactive) or plain lines.</summary>
    public async Task<T> ShowAsync<T>(IEnumerable<string> hosts, Func<Task<T>> work)
    {
        foreach (var host in hosts)
        {
            _rows[host] = new HostRow();
        }

        if (!live)
        {
            return await work().ConfigureAwait(false);
        }

        T result = default!;
        await console.Live(BuildTable()).AutoClear(false).StartAsync(async display =>
        {
            _display = display;
            result = await work().ConfigureAwait(false);
            Refresh();
        }).ConfigureAwait(false);
        _display = null;
        return result;
    }

    /// <inheritdoc />
    public override void PhaseStarted(IPhase phase, IReadOnlyList<DeployHost> hosts)
    {
        if (!live)
        {
            Line($"[bold]▶ {Markup.Escape(phase.Title)}[/] [grey]({phase.Name}, {hosts.Count} host{(hosts.Count == 1 ? "" : "s")})[/]");
        }
    }

    /// <inheritdoc />
    public override void HostStarted(IPhase phase, DeployHost host) => Update(host.Name, r => { r.Phase = phase.Name; r.Status = "running"; });

    /// <inheritdoc />
    public override void HostResumed(IPhase phase, DeployHost host)
    {
        Update(host.Name, r => { r.Phase = phase.Name; r.Status = "done earlier"; });
        if (!live)
        {
            Line($"  [grey]{Markup.Escape(host.Name)}: done by the interrupted apply, skipped[/]");
        }
    }

    /// <inheritdoc />
    public override void ChangeRecorded(Change change, bool applied)
    {
        Update(change.Host, r => r.Changes++);
        if (!live && applied)
        {
            Line($"  [green]{Markup.Escape(change.Host)}[/]: {Markup.Escape(change.Description)}");
        }
    }

    /// <inheritdoc />
    public override void Warning(string host, IPhase phase, string message)
    {
        if (!live)
        {
            Line($"  [yellow]{Markup.Escape(host)}: {Markup.Escape(message)}[/]");
        }
    }

    /// <inheritdoc />
    public override void HostFinished(IPhase phase, DeployHost host, TimeSpan duration, Exception? error)
    {
        Update(host.Name, r => r.Status = error is null ? "ok" : "failed");
        if (!live && error is not null)
        {
            Line($"  [red]{Markup.Escape(host.Name)} failed in {phase.Name}:[/] {Markup.Escape(error.Message)}");
        }
    }

    private void Update(string host, Action<HostRow> change)
    {
        if (_rows.TryGetValue(host, out var row))
        {
            lock (_lock)
            {
                change(row);
            }

            Refresh();
        }
    }

    private void Refresh()
    {
        if (_display is null)
        {
            return;
        }

        lock (_lock)
        {
            _display.UpdateTarget(BuildTable());
            _display.Refresh();
        }
    }

    private Table BuildTable()
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Host").AddColumn("Phase").AddColumn("Status").AddColumn(new TableColumn("Changes").RightAligned());
        foreach (var (host, row) in _rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var status = row.Status switch
            {
                "ok" => "[green]ok[/]",
                "failed" => "[red]failed[/]",
                "running" => "[yellow]running[/]",
                _ => Markup.Escape(row.Status),
            };
            table.AddRow(Markup.Escape(host), Markup.Escape(row.Phase), status, row.Changes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return table;
    }

    private void Line(string markup)
    {
        lock (_lock)
        {
            console.MarkupLine(markup);
        }
    }

    private sealed class HostRow
    {
        public string Phase { get; set; } = "";

        public string Status { get; set; } = "waiting";

        public int Changes { get; set; }
    }
}
