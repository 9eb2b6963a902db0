using Docker.DotNet;
using Docker.DotNet.Models;

namespace Platform.Lab.Machines;

/// <summary>Runs a command inside a container through the engine (as root, outside SSH): machine containers and the k3s container.</summary>
public static class ContainerExec
{
    /// <summary>Runs <paramref name="command"/> in <paramref name="containerId"/> and returns its exit code and output.</summary>
    public static async Task<ExecResult> RunAsync(DockerClient client, string containerId, IList<string> command, CancellationToken cancellationToken = default)
    {
        var exec = await client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters { Cmd = command, AttachStdout = true, AttachStderr = true }, cancellationToken).ConfigureAwait(false);
        using var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { Detach = false }, cancellationToken).ConfigureAwait(false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
        var inspect = await client.Exec.InspectContainerExecAsync(exec.ID, cancellationToken).ConfigureAwait(false);
        return new ExecResult(inspect.ExitCode ?? -1, stdout, stderr);
    }
}
