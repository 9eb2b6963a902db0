using System.Net;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Tests.Phases;

public sealed class HostDownClassifierTests
{
    private static readonly RemoteCommandException AptFailed = new("worker-2", "apt-get install -y chrony", 100, "E: Unable to read /tmp/apt-dpkg-install-x", retryable: false);

    [Fact]
    public async Task Classify_HostNoLongerAnswers_BecomesRetryableAndKeepsTheCommand()
    {
        var host = Host(new ProbeConnection(_ => throw new SshConnectionException("worker-2", "root@127.0.0.1:22", "connection reset", retryable: true)));

        var error = Assert.IsType<RemoteCommandException>(await HostDownClassifier.ClassifyAsync(host, AptFailed));

        Assert.True(error.Retryable);
        Assert.Equal("apt-get install -y chrony", error.Command);
        Assert.Contains("no longer answers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classify_SystemdStopping_BecomesRetryable()
    {
        var host = Host(new ProbeConnection(c => new CommandResult("worker-2", c, 1, "stopping\n", "")));

        var error = Assert.IsType<RemoteCommandException>(await HostDownClassifier.ClassifyAsync(host, AptFailed));

        Assert.True(error.Retryable);
        Assert.Contains("systemd is stopping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classify_SystemctlCannotReachSystemd_BecomesRetryable()
    {
        var host = Host(new ProbeConnection(c => new CommandResult("worker-2", c, 1, "", "Failed to connect to bus: No such file or directory")));

        var error = Assert.IsType<RemoteCommandException>(await HostDownClassifier.ClassifyAsync(host, AptFailed));

        Assert.True(error.Retryable);
        Assert.Contains("systemd no longer answers", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("running")]
    [InlineData("degraded")]
    public async Task Classify_HostUp_KeepsTheOriginalError(string state)
    {
        var error = await HostDownClassifier.ClassifyAsync(Host(new ProbeConnection(c => new CommandResult("worker-2", c, 0, state + "\n", ""))), AptFailed);

        Assert.Same(AptFailed, error);
    }

    [Fact]
    public async Task Classify_HostRunning_KeepsTheOriginalError()
    {
        var connection = new ProbeConnection(c => new CommandResult("worker-2", c, 0, "running\n", ""));

        var error = await HostDownClassifier.ClassifyAsync(Host(connection), AptFailed);

        Assert.Same(AptFailed, error);
        Assert.Equal(["systemctl is-system-running"], connection.Commands);
    }

    private static DeployHost Host(ISshConnection connection)
        => new(new Machine("worker-2", NodeRole.Worker, "worker", "worker-net", IPAddress.Parse("10.0.2.12"), 2), new SshEndpoint("127.0.0.1", 22, "root", "key")) { Connection = connection };

    private sealed class ProbeConnection(Func<string, CommandResult> answer) : ISshConnection
    {
        public List<string> Commands { get; } = [];

        public string HostName => "worker-2";

        public Task<CommandResult> RunAsync(string command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            Commands.Add(command);
            return Task.FromResult(answer(command));
        }

        public Task<CommandResult> RunWithInputAsync(string command, byte[] input, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
            => RunAsync(command, timeout, cancellationToken);

        public Task WriteFilesAsync(IReadOnlyList<RemoteFile> files, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
