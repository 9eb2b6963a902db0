using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Machines;

/// <summary>No Docker-API engine answered; the message lists every endpoint tried and how to get one.</summary>
public sealed class ContainerEngineNotFoundException(IReadOnlyList<string> attempts)
    : PlatformException("No container engine is reachable. Tried:" + Environment.NewLine
        + string.Join(Environment.NewLine, attempts.Select(a => "  - " + a)) + Environment.NewLine
        + "Fix: start Docker, or run scripts/setup-container-engine.sh (podman serving the Docker API), then set DOCKER_HOST if the socket is elsewhere.")
{
    /// <summary>Each endpoint tried and why it failed.</summary>
    public IReadOnlyList<string> Attempts { get; } = attempts;
}
