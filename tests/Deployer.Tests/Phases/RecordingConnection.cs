using Platform.Deployer.Ssh;

namespace Platform.Deployer.Tests.Phases;

/// <summary>An SSH connection that runs nothing: it records each command and each batch of files, and every command succeeds (printing what <see cref="Answer"/> gives, else nothing).</summary>
internal sealed class RecordingConnection(string hostName) : ISshConnection
{
    public List<string> Commands { get; } = [];

    public List<IReadOnlyList<RemoteFile>> Writes { get; } = [];

    public string HostName => hostName;

    /// <summary>The standard output of a command (null: none).</summary>
    public Func<string, string?>? Answer { get; set; }

    public Task<CommandResult> RunAsync(string command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        Commands.Add(command);
        return Task.FromResult(new CommandResult(hostName, command, 0, Answer?.Invoke(command) ?? "", ""));
    }

    public List<(string Command, byte[] Input)> Inputs { get; } = [];

    public Task<CommandResult> RunWithInputAsync(string command, byte[] input, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        Commands.Add(command);
        Inputs.Add((command, input));
        return Task.FromResult(new CommandResult(hostName, command, 0, "", ""));
    }

    public Task WriteFilesAsync(IReadOnlyList<RemoteFile> files, CancellationToken cancellationToken = default)
    {
        Writes.Add(files);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
