namespace Platform.Deployer.Pki;

/// <summary>The decision on one certificate signing request, and why.</summary>
/// <param name="Name">The CSR object's name.</param>
/// <param name="Verdict">What to do with it.</param>
/// <param name="Reason">Why, naming the requester and what did not match.</param>
public sealed record CsrDecision(string Name, CsrVerdict Verdict, string Reason);
