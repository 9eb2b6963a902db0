using System.Numerics;

namespace Platform.Deployer.Backup;

/// <summary>
/// X25519 (RFC 7748 §5) with <see cref="BigInteger"/>: .NET has no Curve25519, and age keys need one scalar
/// multiplication when a deployment's key is generated. Not constant time; it runs once, on the deployer's own machine.
/// </summary>
internal static class X25519
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger A24 = 121665;

    /// <summary>The public key of <paramref name="scalar"/>: the scalar times the base point u = 9.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> scalar)
    {
        var basePoint = new byte[32];
        basePoint[0] = 9;
        return Multiply(scalar, basePoint);
    }

    /// <summary>X25519(k, u): 32 bytes little-endian in, 32 out.</summary>
    public static byte[] Multiply(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> u)
    {
        if (scalar.Length != 32 || u.Length != 32)
        {
            throw new ArgumentException("X25519 scalars and points are 32 bytes.");
        }

        var k = scalar.ToArray();
        k[0] &= 248;
        k[31] &= 127;
        k[31] |= 64;
        var uBytes = u.ToArray();
        uBytes[31] &= 127;
        var x1 = Decode(uBytes);
        var kInt = Decode(k);

        BigInteger x2 = 1, z2 = 0, x3 = x1, z3 = 1;
        var swap = 0;
        for (var t = 254; t >= 0; t--)
        {
            var bit = (int)((kInt >> t) & 1);
            swap ^= bit;
            if (swap == 1)
            {
                (x2, x3) = (x3, x2);
                (z2, z3) = (z3, z2);
            }

            swap = bit;
            var a = Mod(x2 + z2);
            var aa = Mod(a * a);
            var b = Mod(x2 - z2);
            var bb = Mod(b * b);
            var e = Mod(aa - bb);
            var c = Mod(x3 + z3);
            var d = Mod(x3 - z3);
            var da = Mod(d * a);
            var cb = Mod(c * b);
            x3 = Mod(BigInteger.Pow(da + cb, 2));
            z3 = Mod(x1 * BigInteger.Pow(da - cb, 2));
            x2 = Mod(aa * bb);
            z2 = Mod(e * (aa + A24 * e));
        }

        if (swap == 1)
        {
            (x2, x3) = (x3, x2);
            (z2, z3) = (z3, z2);
        }

        return Encode(Mod(x2 * BigInteger.ModPow(z2, P - 2, P)));
    }

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }

    private static BigInteger Decode(byte[] littleEndian) => new(littleEndian, isUnsigned: true, isBigEndian: false);

    private static byte[] Encode(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return bytes;
    }
}
