using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Images;
using k8s;
using k8s.KubeConfigModels;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Operations;
using Platform.Lab.Machines;
using Testcontainers.K3s;

namespace Platform.Lab.Substrates;

/// <summary>The k3s container: image check, create or adopt, ports and kubeconfig.</summary>
public sealed partial class FastSubstrate
{
    /// <summary>The value of the <see cref="MachineLabLabels.Role"/> label on the k3s container.</summary>
    public const string ContainerRole = "k3s-server";

    /// <summary>Where k3s writes its admin kubeconfig inside the container.</summary>
    public const string KubeconfigInContainer = "/etc/rancher/k3s/k3s.yaml";

    private const int ApiPort = K3sBuilder.KubeSecurePort;

    /// <summary>True when the engine has the image.</summary>
    private async Task<bool> HasImageAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            return await MachineImage.ExistsAsync(_docker, image, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            throw new PlatformException($"The container engine {_options.Engine} does not answer ({e.Message}). Fix: start Docker, or run scripts/setup-container-engine.sh (podman serving the Docker API).", e);
        }
    }

    /// <summary>Makes sure the engine has the image, pulling it only within <see cref="_pullTimeout"/>.</summary>
    /// <exception cref="K3sImageUnavailableException">It is not there and could not be pulled.</exception>
    private async Task EnsureImageAsync(string image, CancellationToken cancellationToken)
    {
        if (await HasImageAsync(image, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        Report($"k3s: the image {image} is not on {_options.Engine}; trying to pull it (at most {_pullTimeout.TotalSeconds:0} s)");
        var progress = new K3sPullProgress();
        string? error;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_pullTimeout);
            var colon = image.LastIndexOf(':');
            var (repository, tag) = colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
            try
            {
                await _docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, new AuthConfig(), progress, timeout.Token).ConfigureAwait(false);
                error = progress.Error;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = $"no result within {_pullTimeout.TotalSeconds:0} s";
            }
            catch (DockerApiException e)
            {
                error = progress.Error ?? e.ResponseBody ?? e.Message;
            }
        }

        if (!await HasImageAsync(image, cancellationToken).ConfigureAwait(false))
        {
            throw new K3sImageUnavailableException(image, _options.Engine, error ?? "the engine reported success but has no such image");
        }
    }

    /// <summary>Containers carrying this lab's label.</summary>
    private Task<IList<ContainerListResponse>> LabContainersAsync(CancellationToken cancellationToken)
        => LabContainers.ListAsync(_docker, _options.Name, cancellationToken);

    /// <summary>Adopts the kept k3s container of this lab (Reuse) or removes what carries the label (Replace); returns the adopted id or null.</summary>
    private async Task<string?> HandleExistingAsync(FastLabPlan plan, CancellationToken cancellationToken)
    {
        var existing = await LabContainersAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0)
        {
            return null;
        }

        if (_options.Existing == ExistingLabPolicy.Replace)
        {
            var removed = await MachineLab.RemoveExistingAsync(_options.Engine, _options.Name, cancellationToken).ConfigureAwait(false);
            Report($"k3s: removed the kept lab {_options.Name} ({removed} container(s)) to start afresh");
            return null;
        }

        var k3s = existing.Where(c => c.Labels.TryGetValue(MachineLabLabels.Role, out var role) && role == ContainerRole).ToList();
        if (k3s.Count != 1 || existing.Count != 1)
        {
            throw new PlatformException($"Lab {_options.Name} on {_options.Engine} is not a fast lab (containers: {string.Join(", ", existing.Select(c => c.Names.FirstOrDefault()?.TrimStart('/') ?? c.ID[..12]))}), so it cannot be reused. Remove it with --replace, or give this lab another name.");
        }

        var kept = k3s[0];
        if (kept.Image != plan.Image && !kept.Image.EndsWith("/" + plan.Image, StringComparison.Ordinal))
        {
            throw new PlatformException($"The kept fast lab {_options.Name} runs {kept.Image}, but this model needs {plan.Image}. Replace it with --replace.");
        }

        if (kept.State != "running")
        {
            await _docker.Containers.StartContainerAsync(kept.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        }

        Report($"k3s: reusing the kept container {kept.ID[..12]} of lab {_options.Name}");
        return kept.ID;
    }

    /// <summary>Creates and starts the k3s container through Testcontainers' k3s module; returns its id.</summary>
    private async Task<string> CreateContainerAsync(FastLabPlan plan, CancellationToken cancellationToken)
    {
        var builder = new K3sBuilder(plan.Image)
            .WithDockerEndpoint(_options.Engine)
            .WithName($"{_options.Name}-k3s")
            .WithLabel(MachineLabLabels.Lab, _options.Name)
            .WithLabel(MachineLabLabels.Role, ContainerRole)
            // No Ryuk reaper: it would need an image from a registry, and it would remove a lab kept with --keep.
            .WithCleanUp(false)
            .WithImagePullPolicy(PullPolicy.Never)
            .WithCommand(new OverwriteEnumerable<string>(plan.ServerArguments));
        foreach (var endpoint in plan.Endpoints)
        {
            builder = builder.WithPortBinding(endpoint.NodePort, assignRandomHostPort: true);
        }

        // Published ports are for this machine only.
        builder = builder.WithCreateParameterModifier(p =>
        {
            foreach (var binding in (p.HostConfig?.PortBindings?.Values ?? []).SelectMany(b => b ?? []))
            {
                binding.HostIP = "127.0.0.1";
            }
        });

        var container = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            await container.StartAsync(timeout.Token).ConfigureAwait(false);
            return container.Id;
        }
        catch (Exception e) when (e is not PlatformException)
        {
            // Created but not started (or not ready): remember it so dispose removes it.
            ContainerId = string.IsNullOrEmpty(container.Id) ? (await LabContainersAsync(CancellationToken.None).ConfigureAwait(false)).FirstOrDefault()?.ID : container.Id;
            var logs = ContainerId is null ? "" : await LogsAsync(ContainerId, 20).ConfigureAwait(false);
            var why = e is OperationCanceledException && !cancellationToken.IsCancellationRequested ? $"k3s did not report 'Node controller sync successful' within {StartTimeout.TotalMinutes:0} min" : e.Message;
            throw new PlatformException($"The k3s container of lab {_options.Name} on {_options.Engine} did not start: {why}. Last log lines:\n{logs.Trim()}", e);
        }
    }

    /// <summary>The host port a container port is published on, or null.</summary>
    private static int? HostPort(ContainerInspectResponse inspect, int containerPort)
        => inspect.NetworkSettings?.Ports is { } ports && ports.TryGetValue($"{containerPort}/tcp", out var bindings) && bindings?.FirstOrDefault() is { } binding
            && int.TryParse(binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;

    /// <summary>k3s's admin kubeconfig read from the container (exec cat), pointed at the published API port.</summary>
    private async Task<K8SConfiguration> ReadKubeconfigAsync(string containerId, int apiHostPort, CancellationToken cancellationToken)
    {
        var cat = await LabContainers.ExecAsync(_docker, containerId, ["cat", KubeconfigInContainer], cancellationToken).ConfigureAwait(false);
        if (cat.ExitCode != 0 || string.IsNullOrWhiteSpace(cat.Output))
        {
            throw new PlatformException($"The k3s container {containerId[..12]} of lab {_options.Name} has no {KubeconfigInContainer} ({cat.Error.Trim()}). Replace the lab with --replace.");
        }

        // k3s's serving certificate names 127.0.0.1, so TLS stays verified.
        return Kubeconfigs.PointAt(cat.Output, new Uri($"https://127.0.0.1:{apiHostPort}"));
    }

    private async Task<string> LogsAsync(string containerId, int tail)
    {
        try
        {
            return await LabContainers.LogsAsync(_docker, containerId, tail).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            return $"(no logs: {e.Message})";
        }
    }
}
