using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>The API server as the kubelet runs it on a control plane: restarted through the kubelet, then waited for.</summary>
internal static class KubeApiServer
{
    /// <summary>How long a step running <see cref="ReplacedAndReadyCommand"/> may take.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromMinutes(4);

    /// <summary>
    /// Runs <paramref name="change"/> (a shell command after which the kubelet starts a new kube-apiserver), then waits at
    /// most 3 minutes until a new container runs and answers /readyz: the old one answers until the kubelet replaces it.
    /// </summary>
    public static string ReplacedAndReadyCommand(string change) =>
        $"running() {{ crictl --runtime-endpoint {ContainerRuntimeResource.CriSocket} ps -q --state running --name kube-apiserver | head -n 1; }}; " +
        $"old=$(running); {change} && " +
        "for i in $(seq 90); do new=$(running); " +
        "if [ -n \"$new\" ] && [ \"$new\" != \"$old\" ] && curl -ksf --max-time 2 https://127.0.0.1:6443/readyz >/dev/null; then exit 0; fi; sleep 2; done; " +
        "echo 'kube-apiserver was not replaced and ready within 3 minutes; see crictl ps -a and journalctl -u kubelet' >&2; exit 1";
}
