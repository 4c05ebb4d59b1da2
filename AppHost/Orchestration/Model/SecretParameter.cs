namespace AppHost.Orchestration;

/// <summary>
/// A generated secret such as <c>postgres-password</c>. Generated once, then kept in the state folder
/// so data made with it stays usable across runs; never logged.
/// </summary>
public sealed class SecretParameter(string name, bool allowSpecialCharacters, int length = 22)
{
    public string Name { get; } = name;

    /// <summary>Redis clients cannot take commas in passwords, so its password is letters and digits only.</summary>
    public bool AllowSpecialCharacters { get; } = allowSpecialCharacters;

    /// <summary>Characters generated; access tokens ask for more than passwords' 22.</summary>
    public int Length { get; } = length;

    private string? value;

    public string Value
    {
        get => value ?? throw new InvalidOperationException($"Secret '{Name}' is resolved when the application starts.");
        internal set => this.value = value;
    }

    internal bool IsResolved => value is not null;
}
