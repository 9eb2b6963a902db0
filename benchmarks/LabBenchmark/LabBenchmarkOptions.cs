namespace Platform.LabBenchmark;

/// <summary>How many labs to time per image, whether to time the install path as the peer, and whether to print the lab's own lines.</summary>
/// <param name="Runs">Labs started per image; the median is reported.</param>
/// <param name="Peer">Also time the install path (the base image) in the same run.</param>
/// <param name="Verbose">Print the lab's progress lines, each with the seconds since its start.</param>
public sealed record LabBenchmarkOptions(int Runs, bool Peer, bool Verbose)
{
    /// <summary>Parses --runs N, --no-peer and --verbose.</summary>
    public static LabBenchmarkOptions Parse(string[] args)
    {
        var runs = Array.IndexOf(args, "--runs") is var i and >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var n) ? n : 1;
        if (runs is < 1 or > 10)
        {
            throw new ArgumentException("Use --runs N (1-10), --no-peer and --verbose.");
        }

        return new LabBenchmarkOptions(runs, !args.Contains("--no-peer"), args.Contains("--verbose"));
    }
}
