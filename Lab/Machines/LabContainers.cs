using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Platform.Lab.Machines;

/// <summary>
/// The engine calls every lab makes on its containers: find them by the lab's label, run a command inside
/// one (as root, outside SSH), read its console. Machine labs and the k3s lab share them.
/// </summary>
public static class LabContainers
{
    /// <summary>The engine filter selecting what carries <c>platform.lab=&lt;labName&gt;</c>.</summary>
    public static Dictionary<string, IDictionary<string, bool>> LabelFilter(string labName)
        => new() { ["label"] = new Dictionary<string, bool> { [$"{MachineLabLabels.Lab}={labName}"] = true } };

    /// <summary>Every container of lab <paramref name="labName"/>, running or not.</summary>
    public static async Task<IList<ContainerListResponse>> ListAsync(DockerClient client, string labName, CancellationToken cancellationToken = default)
        => await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = LabelFilter(labName) }, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs <paramref name="command"/> in <paramref name="containerId"/> and returns its exit code and output.</summary>
    public static async Task<ExecResult> ExecAsync(DockerClient client, string containerId, IList<string> command, CancellationToken cancellationToken = default)
    {
        var exec = await client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters { Cmd = command, AttachStdout = true, AttachStderr = true }, cancellationToken).ConfigureAwait(false);
        using var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { Detach = false }, cancellationToken).ConfigureAwait(false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
        var inspect = await client.Exec.InspectContainerExecAsync(exec.ID, cancellationToken).ConfigureAwait(false);
        return new ExecResult(inspect.ExitCode ?? -1, stdout, stderr);
    }

    /// <summary>
    /// Runs <paramref name="command"/> in <paramref name="containerId"/> and hands each line it prints to
    /// <paramref name="onLine"/> until it ends or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static async Task FollowAsync(DockerClient client, string containerId, IList<string> command, Action<string> onLine, CancellationToken cancellationToken)
    {
        var exec = await client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters { Cmd = command, AttachStdout = true, AttachStderr = true }, cancellationToken).ConfigureAwait(false);
        using var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { Detach = false }, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[8192];
        var pending = new System.Text.StringBuilder();
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            if (read.EOF)
            {
                return;
            }

            pending.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, read.Count));
            var text = pending.ToString();
            var end = text.LastIndexOf('\n');
            if (end < 0)
            {
                continue;
            }

            foreach (var line in text[..end].Split('\n'))
            {
                onLine(line.TrimEnd('\r'));
            }

            pending.Clear().Append(text[(end + 1)..]);
        }
    }

    /// <summary>The last <paramref name="tail"/> lines the container printed (a machine's boot messages, k3s's log).</summary>
    public static async Task<string> LogsAsync(DockerClient client, string containerId, int tail, CancellationToken cancellationToken = default)
    {
        using var stream = await client.Containers.GetContainerLogsAsync(containerId, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = tail.ToString(CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
        return stdout + stderr;
    }
}
