namespace Platform.Lab.Substrates;

/// <summary>What to do when a kept lab with the same name is found on the engine.</summary>
public enum ExistingLabPolicy
{
    /// <summary>Adopt it and bring it up to date (the default).</summary>
    Reuse,

    /// <summary>Remove it (only what carries its label) and start afresh.</summary>
    Replace,
}
