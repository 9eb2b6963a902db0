using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Deployer.Etcd;

/// <summary>A snapshot taken and verified on a member, as the snapshot script reported it.</summary>
/// <param name="Member">The member it was taken on.</param>
/// <param name="Path">Where it is on that member.</param>
/// <param name="Revision">The store revision it holds (etcdutl snapshot status).</param>
/// <param name="Hash">Its hash (etcdutl snapshot status).</param>
/// <param name="Keys">The keys it holds at that revision.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the file.</param>
/// <param name="CopiedTo">The age-encrypted copy off the node, or null when the model copies nowhere.</param>
public sealed partial record EtcdSnapshotReport(string Member, string Path, long Revision, long Hash, long Keys, long Size, string Sha256, string? CopiedTo)
{
    /// <summary>The snapshot's name (what <c>Deploy:Snapshot</c> takes).</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>Members passed over, each with why.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>One line: where it went, its revision and size.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: revision {Revision}, hash {Hash}, {Keys} keys, {Size / 1024.0:0.0} KiB, taken on {Member} ({Path}){(CopiedTo is null ? "; not copied off the node (the model has no copyTo)" : $", age-encrypted copy at {CopiedTo}")}");

    /// <summary>Reads the script's "etcd-snapshot: saved …" and "etcd-snapshot: copied …" lines.</summary>
    /// <exception cref="EtcdOperationException">The lines are missing (the script on the member is older than this Deployer).</exception>
    public static EtcdSnapshotReport Parse(string member, string output)
    {
        var saved = Saved().Match(output);
        if (!saved.Success)
        {
            throw new EtcdOperationException($"{member}: the snapshot script printed no 'etcd-snapshot: saved' line; its copy may be older than this Deployer. Run aspire do etcd to place the current one. Output: {output.Trim()}");
        }

        var copied = Copied().Match(output);
        long Number(string group) => long.Parse(saved.Groups[group].Value, CultureInfo.InvariantCulture);
        return new EtcdSnapshotReport(member, saved.Groups["path"].Value, Number("revision"), Number("hash"), Number("keys"), Number("size"), saved.Groups["sha"].Value, copied.Success ? copied.Groups["to"].Value : null);
    }

    [GeneratedRegex(@"^etcd-snapshot: saved (?<path>/\S+) revision=(?<revision>\d+) hash=(?<hash>\d+) keys=(?<keys>\d+) size=(?<size>\d+) sha256=(?<sha>[0-9a-f]{64})$", RegexOptions.Multiline)]
    private static partial Regex Saved();

    [GeneratedRegex(@"^etcd-snapshot: copied (?<to>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Copied();
}
