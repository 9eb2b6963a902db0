using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Hosting.Pipeline;
using Platform.Lab;
using Platform.Lab.Commands;
using Platform.Lab.Health;
using Platform.Lab.Machines;
using Platform.Lab.Monitoring;
using Platform.Lab.Resources;
using Platform.Lab.Substrates;
using Platform.Lab.Telemetry;

namespace Aspire.Hosting;

/// <summary>Adds the lab: in <c>aspire run</c>, the whole platform comes up locally and the Aspire dashboard shows it.</summary>
public static class LabBuilderExtensions
{
    /// <summary>
    /// Adds the lab that runs the platform in run mode: the model's machines as containers that behave like VMs,
    /// deployed by the Deployer (or k3s with <c>Lab:Substrate=fast</c>); states, console logs, URLs, health checks
    /// that ask the real components, and commands on machines, etcd and the VIP. Call it after the whole model is
    /// declared. Publish and deploy ignore it.
    /// </summary>
    /// <example><code>builder.AddLab();</code></example>
    public static IResourceBuilder<LabResource> AddLab(this IDistributedApplicationBuilder builder, [ResourceName] string name = "lab")
    {
        ArgumentNullException.ThrowIfNull(builder);
        var lab = builder.AddResource(new LabResource(name)).ExcludeFromManifest();
        if (!builder.ExecutionContext.IsRunMode)
        {
            return lab;
        }

        var (settings, errors) = LabSettings.Read(builder.Configuration, builder.AppHostDirectory);
        lab.WithIconName("BeakerEdit").WithInitialState(new CustomResourceSnapshot
        {
            ResourceType = "Lab",
            State = KnownResourceStates.NotStarted,
            Properties =
            [
                new ResourcePropertySnapshot("lab.substrate", settings.Substrate.ToString().ToLowerInvariant()),
                new ResourcePropertySnapshot("lab.name", settings.Name),
                new ResourcePropertySnapshot("lab.state", settings.StateDirectory),
                new ResourcePropertySnapshot("lab.skip", string.Join(",", settings.Skip)),
            ],
        });
        if (errors.Count > 0)
        {
            builder.Eventing.Subscribe<BeforeStartEvent>((e, _) => StopWithErrors(e.Services, errors));
            return lab;
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<LabLifecycle>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LabLifecycle>());
        if (settings.Substrate == LabSubstrateKind.Machines)
        {
            MachinesSubstrate.PrepareModel(builder, settings.EtcdSource);
        }

        AppHostTelemetry.Add(builder);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(lab.Resource.ReadyCheckName, sp => new LabReadyHealthCheck(sp.GetRequiredService<LabLifecycle>()), HealthStatus.Unhealthy, []));
        lab.WithHealthCheck(lab.Resource.ReadyCheckName);
        AddChecksAndCommands(builder);
        if (settings.Substrate == LabSubstrateKind.Machines && builder.Resources.OfType<PrometheusResource>().SingleOrDefault() is { } prometheus)
        {
            AddMonitoring(builder, prometheus);
        }

        lab.OnInitializeResource((resource, e, _) =>
        {
            var appModel = e.Services.GetRequiredService<DistributedApplicationModel>().Resources;
            e.Services.GetRequiredService<LabLifecycle>().Start(new LabResources(e.Notifications, e.Services.GetRequiredService<ResourceLoggerService>(), appModel, resource), appModel);
            return Task.CompletedTask;
        });
        return lab;
    }

    private static void AddChecksAndCommands(IDistributedApplicationBuilder builder)
    {
        foreach (var machine in builder.Resources.OfType<MachineResource>().ToList())
        {
            var key = $"{machine.Name}_sshd";
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, sp => new MachineHealthCheck(sp.GetRequiredService<LabLifecycle>(), machine.Name), HealthStatus.Unhealthy, []));
            builder.CreateResourceBuilder(machine).WithHealthCheck(key).WithMachineCommands();
        }

        if (builder.Resources.OfType<EtcdClusterResource>().SingleOrDefault() is { } etcd)
        {
            var key = $"{etcd.Name}_endpoint_health";
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, sp => new EtcdHealthCheck(sp.GetRequiredService<LabLifecycle>()), HealthStatus.Unhealthy, []));
            builder.CreateResourceBuilder(etcd).WithHealthCheck(key).WithSnapshotCommand();
        }

        if (builder.Resources.OfType<EtcdSnapshotResource>().SingleOrDefault() is { Schedule.CopyTo: not null } snapshots)
        {
            AddBackupTarget(builder, snapshots);
        }

        if (builder.Resources.OfType<ApiLoadBalancerResource>().SingleOrDefault() is { } api)
        {
            var key = $"{api.Name}_haproxy";
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, sp => new ApiLoadBalancerHealthCheck(sp.GetRequiredService<LabLifecycle>()), HealthStatus.Unhealthy, []));
            builder.CreateResourceBuilder(api).WithHealthCheck(key).WithVipCommands();
        }
    }

    /// <summary>The lab-only machine that receives the snapshots' off-node copies, under the snapshots resource.</summary>
    private static void AddBackupTarget(IDistributedApplicationBuilder builder, EtcdSnapshotResource snapshots) =>
        AddLabMachine(builder, BackupTargetMachine.Name, builder.CreateResourceBuilder(snapshots),
            new ResourcePropertySnapshot("machine.target", snapshots.Schedule.CopyTo!),
            new ResourcePropertySnapshot(LabResources.DetailProperty, "lab only: stands in for the model's snapshot copy target"));

    /// <summary>A lab-only machine under <paramref name="parent"/>, asked on sshd by its health check.</summary>
    private static void AddLabMachine<T>(IDistributedApplicationBuilder builder, string name, IResourceBuilder<T> parent, params ResourcePropertySnapshot[] properties) where T : IResource
    {
        var key = $"{name}_sshd";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, sp => new MachineHealthCheck(sp.GetRequiredService<LabLifecycle>(), name), HealthStatus.Unhealthy, []));
        builder.AddResource(new LabMachineResource(name)).ExcludeFromManifest().WithIconName("Server")
            .WithParentRelationship(parent.Resource).WithHealthCheck(key)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "LabMachine", State = KnownResourceStates.NotStarted, Properties = [.. properties] });
    }

    /// <summary>
    /// Prometheus (the model's resource) asked on <c>/-/ready</c>, and under it the lab's Alertmanager (the same) and
    /// the lab-only monitoring machine they run on (sshd); Grafana, Elasticsearch, Kibana and Fluent Bit asked on their
    /// health endpoints.
    /// </summary>
    private static void AddMonitoring(IDistributedApplicationBuilder builder, PrometheusResource prometheus)
    {
        var parent = builder.CreateResourceBuilder(prometheus);
        WithHttpCheck(builder, parent, "Prometheus", s => s.Monitoring is { } m ? [new Uri(m.PrometheusUrl, "-/ready")] : []);
        var alertmanager = builder.AddResource(new AlertmanagerResource(LabMonitoring.AlertmanagerName)).ExcludeFromManifest().WithIconName("AlertUrgent")
            .WithParentRelationship(parent)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Alertmanager",
                State = KnownResourceStates.NotStarted,
                Properties = [new ResourcePropertySnapshot(CustomResourceKnownProperties.Source, "prometheus-alertmanager (Debian 13)"), new ResourcePropertySnapshot(LabResources.DetailProperty, "lab only: receives the lab's alerts")],
            });
        WithHttpCheck(builder, alertmanager, "Alertmanager", s => s.Monitoring is { } m ? [new Uri(m.AlertmanagerUrl, "-/ready")] : []);

        AddLabMachine(builder, LabMonitoring.MachineName, parent,
            new ResourcePropertySnapshot(CustomResourceKnownProperties.Source, MachineImage.Monitoring),
            new ResourcePropertySnapshot(LabResources.DetailProperty, "lab only: runs Prometheus and Alertmanager"));

        foreach (var service in builder.Resources.Where(r => r is GrafanaResource or ElasticsearchResource or KibanaResource or FluentBitResource).ToList())
        {
            WithHttpCheck(builder, builder.CreateResourceBuilder(service), service.Name, s => [.. s.Observability?.Running.GetValueOrDefault(service.Name)?.Select(c => new Uri(c.Url, c.HealthPath)) ?? []]);
        }
    }

    /// <summary>Adds a health check that asks <paramref name="urls"/> on the running lab (appends).</summary>
    private static void WithHttpCheck<T>(IDistributedApplicationBuilder builder, IResourceBuilder<T> resource, string component, Func<MachinesSubstrate, IReadOnlyList<Uri>> urls) where T : IResource
    {
        var key = $"{resource.Resource.Name}_http";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, sp => new HttpHealthCheck(sp.GetRequiredService<LabLifecycle>(), component, urls), HealthStatus.Unhealthy, []));
        resource.WithHealthCheck(key);
    }

    private static Task StopWithErrors(IServiceProvider services, IReadOnlyList<string> errors)
    {
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Lab").LogError(
            "The lab's settings have {Count} error(s); nothing was started:\n{Errors}", errors.Count, string.Join("\n", errors.Select(e => "  - " + e)));
        Environment.ExitCode = PlatformPipeline.InvalidModelExitCode;
        services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        return Task.CompletedTask;
    }
}
