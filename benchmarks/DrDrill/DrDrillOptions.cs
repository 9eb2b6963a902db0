namespace Platform.DrDrill;

/// <summary>How many keys the drill writes before the backup, and whether to print each step.</summary>
/// <param name="Keys">Keys written before the backup (then half as many new ones, a quarter changed, a quarter deleted).</param>
/// <param name="Verbose">Print the drill's and the operations' lines.</param>
public sealed record DrDrillOptions(int Keys, bool Verbose)
{
    /// <summary>Parses --keys K and --verbose.</summary>
    /// <exception cref="ArgumentException">--keys is not a whole number from 4 to 100000.</exception>
    public static DrDrillOptions Parse(string[] args)
    {
        var keys = 2000;
        if (Array.IndexOf(args, "--keys") is var i and >= 0 && (i + 1 >= args.Length || !int.TryParse(args[i + 1], out keys) || keys is < 4 or > 100_000))
        {
            throw new ArgumentException("Use --keys K (4-100000) and --verbose.");
        }

        return new DrDrillOptions(keys, args.Contains("--verbose"));
    }
}
