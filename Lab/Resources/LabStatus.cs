namespace Platform.Lab.Resources;

/// <summary>The lab as a whole: what it is and what it is doing.</summary>
/// <param name="Name">The lab name (the label value on everything it started).</param>
/// <param name="Substrate">fast, machines, or deploy (a dashboard for a Deployer run).</param>
/// <param name="Message">The current step, or the reason the lab is not running.</param>
/// <param name="Ready">True once the lab has finished coming up.</param>
public sealed record LabStatus(string Name, string Substrate, string Message, bool Ready);
