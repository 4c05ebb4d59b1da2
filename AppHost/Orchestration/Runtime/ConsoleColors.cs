namespace AppHost.Orchestration;

/// <summary>ANSI colours for the AppHost console; empty when output is redirected or NO_COLOR is set.</summary>
internal static class ConsoleColors
{
    private static readonly bool Enabled = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    private static readonly string[] Palette = ["\e[36m", "\e[35m", "\e[33m", "\e[32m", "\e[34m", "\e[96m", "\e[95m", "\e[93m"];

    public static string Reset => Enabled ? "\e[0m" : "";

    public static string Dim => Enabled ? "\e[2m" : "";

    public static string Red => Enabled ? "\e[31m" : "";

    /// <summary>A stable colour per resource name, so a resource's lines are recognisable at a glance.</summary>
    public static string For(string name) =>
        Enabled ? Palette[name.Split('-')[0].Sum(c => c) % Palette.Length] : "";
}
