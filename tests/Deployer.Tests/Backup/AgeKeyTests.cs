using Platform.Deployer.Backup;

namespace Platform.Deployer.Tests.Backup;

public sealed class AgeKeyTests
{
    [Fact]
    public void X25519_MatchesRfc7748TestVector()
    {
        // RFC 7748 §6.1: Alice's private key and public key.
        var alice = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");

        Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", Convert.ToHexStringLower(X25519.PublicKey(alice)));
    }

    [Fact]
    public void Generate_ThenParse_GivesTheSameRecipient_InAgeKeygensFormat()
    {
        var key = AgeKey.Generate();
        var again = AgeKey.Parse(key.Identity);

        Assert.Equal(key.Recipient, again.Recipient);
        Assert.Matches("^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$", key.Recipient);
        Assert.Matches("^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$", key.Identity);
        Assert.Equal($"# public key: {key.Recipient}\n{key.Identity}\n", key.IdentityFile);
        Assert.DoesNotContain("SECRET", key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ADamagedIdentity_FailsOnTheChecksum()
    {
        var identity = AgeKey.Generate().Identity;
        var damaged = identity[..^3] + (identity[^3] == 'Q' ? 'P' : 'Q') + identity[^2..];

        Assert.Throws<FormatException>(() => AgeKey.Parse(damaged));
    }
}
