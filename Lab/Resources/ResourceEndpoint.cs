namespace Platform.Lab.Resources;

/// <summary>A way to reach a resource from this machine, shown as a link.</summary>
/// <param name="Name">What it is (<c>ui</c>, <c>ssh</c>, <c>api</c>).</param>
/// <param name="Url">The address, e.g. <c>http://127.0.0.1:30300</c> or <c>ssh://root@127.0.0.1:40022</c>.</param>
public sealed record ResourceEndpoint(string Name, string Url);
