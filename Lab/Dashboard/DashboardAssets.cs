namespace Platform.Lab.Dashboard;

/// <summary>The page's files, embedded in Platform.Lab under <c>dashboard/</c>.</summary>
internal static class DashboardAssets
{
    private static readonly Lazy<IReadOnlyDictionary<string, (byte[] Bytes, string ContentType)>> Files = new(Load);

    /// <summary>Loads every file now, so a broken build fails at start rather than on the first request.</summary>
    public static void EnsureLoaded() => _ = Files.Value;

    /// <summary>A file by name (<c>index.html</c>).</summary>
    public static (byte[] Bytes, string ContentType) Get(string name) => Files.Value[name];

    private static Dictionary<string, (byte[], string)> Load()
    {
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var (name, contentType) in new[]
        {
            ("index.html", "text/html; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("app.css", "text/css; charset=utf-8"),
        })
        {
            var assembly = typeof(DashboardAssets).Assembly;
            using var stream = assembly.GetManifestResourceStream($"dashboard/{name}")
                ?? throw new InvalidOperationException($"The dashboard file 'dashboard/{name}' is not embedded in {assembly.GetName().Name}; check the EmbeddedResource item for Dashboard/wwwroot in Lab/Lab.csproj.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = (copy.ToArray(), contentType);
        }

        return files;
    }
}
