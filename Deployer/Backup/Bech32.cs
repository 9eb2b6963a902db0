namespace Platform.Deployer.Backup;

/// <summary>Bech32 encoding (BIP 173), the text form of age keys: <c>age1…</c> and <c>AGE-SECRET-KEY-1…</c>.</summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static readonly uint[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    /// <summary>Encodes <paramref name="data"/> under the lowercase human-readable part <paramref name="hrp"/>.</summary>
    public static string Encode(string hrp, ReadOnlySpan<byte> data)
    {
        var values = ToFiveBits(data);
        var checksum = Checksum(hrp, values);
        var text = new System.Text.StringBuilder(hrp).Append('1');
        foreach (var v in values.Concat(checksum))
        {
            text.Append(Charset[v]);
        }

        return text.ToString();
    }

    /// <summary>Decodes a Bech32 string (either case), checking its checksum and part.</summary>
    /// <exception cref="FormatException">The string is not valid Bech32 for <paramref name="hrp"/>.</exception>
    public static byte[] Decode(string hrp, string text)
    {
        var lower = text.ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 1 || lower[..separator] != hrp || lower.Length - separator < 7)
        {
            throw new FormatException($"not a Bech32 string with the prefix '{hrp}1'");
        }

        var values = new List<byte>();
        foreach (var c in lower[(separator + 1)..])
        {
            var v = Charset.IndexOf(c, StringComparison.Ordinal);
            if (v < 0)
            {
                throw new FormatException($"'{c}' is not a Bech32 character");
            }

            values.Add((byte)v);
        }

        var payload = values.Take(values.Count - 6).ToList();
        if (!Checksum(hrp, payload).SequenceEqual(values.Skip(values.Count - 6)))
        {
            throw new FormatException("the Bech32 checksum does not match");
        }

        return FromFiveBits(payload);
    }

    private static List<byte> ToFiveBits(ReadOnlySpan<byte> data)
    {
        var result = new List<byte>();
        int accumulator = 0, bits = 0;
        foreach (var b in data)
        {
            accumulator = (accumulator << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                result.Add((byte)((accumulator >> bits) & 31));
            }
        }

        if (bits > 0)
        {
            result.Add((byte)((accumulator << (5 - bits)) & 31));
        }

        return result;
    }

    private static byte[] FromFiveBits(List<byte> values)
    {
        var result = new List<byte>();
        int accumulator = 0, bits = 0;
        foreach (var v in values)
        {
            accumulator = (accumulator << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                result.Add((byte)((accumulator >> bits) & 255));
            }
        }

        return [.. result];
    }

    private static byte[] Checksum(string hrp, List<byte> values)
    {
        var input = hrp.Select(c => (byte)(c >> 5)).Append((byte)0).Concat(hrp.Select(c => (byte)(c & 31))).Concat(values).Concat(new byte[6]);
        var polymod = Polymod(input) ^ 1;
        return [.. Enumerable.Range(0, 6).Select(i => (byte)((polymod >> (5 * (5 - i))) & 31))];
    }

    private static uint Polymod(IEnumerable<byte> values)
    {
        uint chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    chk ^= Generator[i];
                }
            }
        }

        return chk;
    }
}
