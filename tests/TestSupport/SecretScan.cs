using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Platform.Lab.Machines;

namespace Platform.Testing;

/// <summary>
/// Looks for secret values (whole, and each long line of a key) in texts, in folders of a machine's file system read
/// through the engine's archive API (nothing is sent to the machine), and in a machine's journal. Counts every
/// place it looked at, and tells findings apart from files the Deployer placed on purpose (a member's own keys).
/// </summary>
public sealed class SecretScan(IEnumerable<string> secrets)
{
    private readonly string[] _needles = [.. secrets.SelectMany(Needles).Distinct()];

    /// <summary>Places scanned: a folder on a machine, a journal, a published folder, a log.</summary>
    public List<string> Places { get; } = [];

    /// <summary>Files and texts read.</summary>
    public int Items { get; private set; }

    /// <summary>Where a secret value was found.</summary>
    public List<string> Findings { get; } = [];

    /// <summary>Deliberate key files that hold a secret (not findings).</summary>
    public List<string> Deliberate { get; } = [];

    /// <summary>Scans one text.</summary>
    public void Text(string place, string text)
    {
        Places.Add(place);
        Check(place, text);
    }

    /// <summary>Scans every file below <paramref name="directory"/>.</summary>
    public void Folder(string place, string directory)
    {
        Places.Add(place);
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            Check($"{place}:{Path.GetRelativePath(directory, file)}", File.ReadAllText(file));
        }
    }

    /// <summary>Scans every regular file below <paramref name="path"/> in a container; hits in <paramref name="deliberate"/> paths are listed apart.</summary>
    public async Task ContainerFolderAsync(DockerClient client, string containerId, string machine, string path, IReadOnlySet<string> deliberate)
    {
        Places.Add($"{machine}:{path}");
        var parent = path.TrimEnd('/')[..path.TrimEnd('/').LastIndexOf('/')];
        foreach (var (name, content) in await ReadFolderAsync(client, containerId, machine, path))
        {
            var file = $"{parent}/{name}";
            Check($"{machine}:{file}", content, deliberate.Contains(file));
        }
    }

    /// <summary>
    /// The regular files of a container folder, from the engine's archive of it, unpacked by GNU tar into a temporary
    /// folder. Not System.Formats.Tar: journald stamps its files with a binary xattr (user.crtime_usec), which the engine
    /// writes into a PAX record that .NET refuses as invalid whenever the bytes are not UTF-8.
    /// </summary>
    private static async Task<List<(string Name, string Content)>> ReadFolderAsync(DockerClient client, string containerId, string machine, string path)
    {
        var archive = await client.Containers.GetArchiveFromContainerAsync(containerId, new ContainerPathStatParameters { Path = path }, statOnly: false);
        using var stream = archive.Stream ?? throw new InvalidOperationException($"{machine}: the engine returned no archive of {path}");
        using var folder = new TempFolder("secret-scan");
        var start = new System.Diagnostics.ProcessStartInfo("tar") { RedirectStandardInput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-x", "--no-same-owner", "--no-same-permissions", "--no-xattrs", "-C", folder.Path })
        {
            start.ArgumentList.Add(argument);
        }

        using var tar = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("tar did not start");
        var errors = tar.StandardError.ReadToEndAsync();
        try
        {
            await stream.CopyToAsync(tar.StandardInput.BaseStream);
        }
        catch (EndOfStreamException)
        {
            // The engine client's chunked stream throws at the end of podman's archive instead of returning 0.
        }

        tar.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await tar.WaitForExitAsync(timeout.Token);
        if (tar.ExitCode != 0)
        {
            throw new InvalidOperationException($"{machine}: tar could not unpack the engine's archive of {path}: {await errors}");
        }

        // Symbolic links are skipped: unpacked here, an absolute one would point into this machine's own files.
        var files = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return [.. Directory.EnumerateFiles(folder.Path, "*", files)
            .Select(f => (Path.GetRelativePath(folder.Path, f), Encoding.Latin1.GetString(File.ReadAllBytes(f))))];
    }

    /// <summary>Scans a container's whole journal, as journalctl prints it.</summary>
    public async Task JournalAsync(DockerClient client, string containerId, string machine)
    {
        var journal = await LabContainers.ExecAsync(client, containerId, ["journalctl", "--no-pager", "-o", "cat"]);
        Text($"{machine}:journal", journal.Output + journal.Error);
    }

    /// <summary>One line for the test's output.</summary>
    public override string ToString()
        => $"secret scan: {Places.Count} places scanned ({Items} files and texts), {Findings.Count} secret value(s) found, {Deliberate.Count} deliberate key file(s) skipped";

    private void Check(string where, string text, bool deliberate = false)
    {
        Items++;
        if (_needles.Any(n => text.Contains(n, StringComparison.Ordinal)))
        {
            (deliberate ? Deliberate : Findings).Add(where);
        }
    }

    private static IEnumerable<string> Needles(string secret)
    {
        yield return secret;
        foreach (var line in secret.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            yield return line;
        }
    }
}
