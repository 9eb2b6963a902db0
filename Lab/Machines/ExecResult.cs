namespace Platform.Lab.Machines;

/// <summary>The result of a command run inside a machine container.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record ExecResult(long ExitCode, string Output, string Error);
