using System.Text.Json;
using Platform.Deployer.Pki;

namespace Platform.Deployer.State;

/// <summary>
/// Records which (phase, host) steps an apply finished, with a fingerprint of what they were asked to do.
/// A failed apply leaves the journal open; the next apply resumes it and skips steps whose fingerprint
/// still matches. A finished apply closes it, so the next run starts from facts alone.
/// </summary>
public sealed class Journal
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };
    private readonly string _path;
    private readonly Lock _lock = new();
    private JournalDocument _document;

    private Journal(string path, JournalDocument document)
    {
        _path = path;
        _document = document;
    }

    /// <summary>Opens the journal; an unfinished one from an earlier apply is resumed.</summary>
    public static Journal Open(string path)
    {
        if (File.Exists(path))
        {
            try
            {
                var existing = JsonSerializer.Deserialize<JournalDocument>(File.ReadAllText(path), Options);
                if (existing is { Finished: false })
                {
                    return new Journal(path, existing);
                }
            }
            catch (JsonException)
            {
                // A torn journal only loses the chance to skip work; facts still make apply correct.
            }
        }

        return new Journal(path, new JournalDocument { Started = DateTimeOffset.UtcNow });
    }

    /// <summary>True when this apply continues an earlier, unfinished one.</summary>
    public bool IsResume => _document.Steps.Count > 0;

    /// <summary>When the (possibly resumed) apply started.</summary>
    public DateTimeOffset Started => _document.Started;

    /// <summary>The number of finished steps.</summary>
    public int CompletedSteps => _document.Steps.Count;

    /// <summary>The finished steps so far.</summary>
    public IReadOnlyList<JournalStep> Steps
    {
        get
        {
            lock (_lock)
            {
                return [.. _document.Steps];
            }
        }
    }

    /// <summary>True when the step finished earlier with the same fingerprint.</summary>
    public bool IsDone(string phase, string host, string fingerprint)
    {
        lock (_lock)
        {
            return _document.Steps.Any(s => s.Phase == phase && s.Host == host && s.Fingerprint == fingerprint);
        }
    }

    /// <summary>Records a finished step and saves.</summary>
    public void Record(string phase, string host, string fingerprint)
    {
        lock (_lock)
        {
            _document.Steps.RemoveAll(s => s.Phase == phase && s.Host == host);
            _document.Steps.Add(new JournalStep { Phase = phase, Host = host, Fingerprint = fingerprint, At = DateTimeOffset.UtcNow });
            Save();
        }
    }

    /// <summary>Marks the apply finished; the next apply starts fresh.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            _document.Finished = true;
            Save();
        }
    }

    private void Save() => StateFiles.WriteSecret(_path, JsonSerializer.Serialize(_document, Options));
}
