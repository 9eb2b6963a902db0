namespace Platform.EndToEnd.Tests.Etcd;

/// <summary>
/// Every <see cref="EtcdLab"/> uses the same addresses (10.91.x): two at once would collide, so the classes that start
/// one run one after another, each on its own lab.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EtcdLabCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "etcd lab";
}
