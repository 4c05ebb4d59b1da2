using System.Text;

namespace AppHost.Orchestration.Dashboard.Components.Controls;

/// <summary>A run of console text with the colours its ANSI escape codes gave it, rendered as a styled span.</summary>
public sealed record AnsiSegment(string Text, string? Style);

/// <summary>
/// Splits a console line at its SGR escape codes (ESC[...m) into styled segments: the 16 basic colours, bright
/// variants, bold and reset. Other escape sequences are dropped so they never show up as garbage.
/// </summary>
public static class AnsiText
{
    private static readonly string[] Colors =
    [
        "#6d6b69", "#f1707b", "#7fd88f", "#f5d76e", "#6cb8f6", "#d98fe6", "#5fd7d7", "#d0d0d0",
        "#9a9896", "#ff8f97", "#a3f0b0", "#ffe79a", "#9bd0ff", "#efb3f7", "#8ff0f0", "#ffffff",
    ];

    public static IReadOnlyList<AnsiSegment> Parse(string line)
    {
        if (!line.Contains('\e', StringComparison.Ordinal))
        {
            return [new AnsiSegment(line, null)];
        }

        List<AnsiSegment> segments = [];
        var text = new StringBuilder();
        string? foreground = null;
        string? background = null;
        var bold = false;
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == '\e' && i + 1 < line.Length && line[i + 1] == '[')
            {
                var end = i + 2;
                while (end < line.Length && !char.IsAsciiLetter(line[end]))
                {
                    end++;
                }

                if (end < line.Length && line[end] == 'm')
                {
                    Flush();
                    foreach (var code in line[(i + 2)..end].Split(';'))
                    {
                        Apply(code.Length == 0 ? 0 : int.TryParse(code, out var n) ? n : -1);
                    }
                }

                i = end + 1;
                continue;
            }

            text.Append(line[i]);
            i++;
        }

        Flush();
        return segments;

        void Flush()
        {
            if (text.Length > 0)
            {
                var style = (foreground is null ? "" : $"color:{foreground};") + (background is null ? "" : $"background:{background};") + (bold ? "font-weight:600;" : "");
                segments.Add(new AnsiSegment(text.ToString(), style.Length == 0 ? null : style));
                text.Clear();
            }
        }

        void Apply(int code)
        {
            switch (code)
            {
                case 0:
                    (foreground, background, bold) = (null, null, false);
                    break;
                case 1:
                    bold = true;
                    break;
                case 22:
                    bold = false;
                    break;
                case >= 30 and <= 37:
                    foreground = Colors[code - 30];
                    break;
                case 39:
                    foreground = null;
                    break;
                case >= 40 and <= 47:
                    background = Colors[code - 40];
                    break;
                case 49:
                    background = null;
                    break;
                case >= 90 and <= 97:
                    foreground = Colors[code - 90 + 8];
                    break;
                case >= 100 and <= 107:
                    background = Colors[code - 100 + 8];
                    break;
            }
        }
    }
}
