using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer;

/// <summary>Overrides the model's etcd source for one deployment (<c>--etcd-source</c>, <c>Deploy:EtcdSource</c>).</summary>
public static class EtcdSourceOverride
{
    /// <summary>Replaces the source on the etcd resource among <paramref name="resources"/>; no-op without a source or etcd.</summary>
    public static void Apply(IEnumerable<IResource> resources, EtcdSource? source)
    {
        if (source is not { } value || resources.OfType<EtcdClusterResource>().FirstOrDefault() is not { } etcd)
        {
            return;
        }

        foreach (var existing in etcd.Annotations.OfType<EtcdSourceAnnotation>().ToList())
        {
            etcd.Annotations.Remove(existing);
        }

        etcd.Annotations.Add(new EtcdSourceAnnotation { Source = value });
    }
}
