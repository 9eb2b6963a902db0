using Platform.Deployer.Operations;

namespace Platform.Deployer.Tests.Operations;

public sealed class EtcdQuorumTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    public void Of_IsAMajority(int members, int quorum) => Assert.Equal(quorum, EtcdQuorum.Of(members));

    [Theory]
    [InlineData(5, 5, 2, 2)] // 5 → 3, all healthy
    [InlineData(3, 2, 1, 0)] // the dead member of 3 leaves: 2 of 2 remain
    [InlineData(5, 4, 1, 1)]
    public void Refusal_QuorumKept_IsNull(int members, int healthy, int leaving, int healthyLeaving)
        => Assert.Null(EtcdQuorum.Refusal(members, healthy, leaving, healthyLeaving));

    [Fact]
    public void Refusal_NoQuorumNow_SaysRestoreFirst()
        => Assert.Equal("only 2 of 5 etcd members are healthy, below the quorum of 3: etcd cannot accept a member removal. Restore quorum first (aspire do etcd-restore).", EtcdQuorum.Refusal(5, 2, 1, 0));

    [Fact]
    public void Refusal_QuorumLostAfter_SaysReplaceTheUnhealthyOneFirst()
        => Assert.Equal("after removing 2, 1 healthy of 3 members would be below the quorum of 2. Replace the unhealthy member first (aspire do replace-node).", EtcdQuorum.Refusal(5, 3, 2, 2));

    [Fact]
    public void Refusal_LastMember_SaysDestroyInstead()
        => Assert.StartsWith("removing 1 of 1 etcd members leaves none", EtcdQuorum.Refusal(1, 1, 1, 1), StringComparison.Ordinal);
}
