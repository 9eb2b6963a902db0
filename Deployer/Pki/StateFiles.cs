namespace Platform.Deployer.Pki;

/// <summary>Writes files of the state folder readable by the owner only (0600, folders 0700).</summary>
public static class StateFiles
{
    /// <summary>Writes a secret file with mode 0600 (created that way, never world-readable for a moment).</summary>
    public static void WriteSecret(string path, string content)
    {
        var directory = Path.GetDirectoryName(path)!;
        CreatePrivateDirectory(directory);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        File.Move(temp, path, overwrite: true);
        if (State.SecretRedactor.IsSecretFile(path))
        {
            State.SecretRedactor.Register(content);
        }
    }

    /// <summary>Creates a folder (and parents) with mode 0700.</summary>
    public static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
