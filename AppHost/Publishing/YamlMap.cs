using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AppHost.Publishing;

/// <summary>
/// A YAML mapping in insertion order. Written block-style with every string double-quoted in JSON syntax (valid
/// YAML), so no value can be misread as a number, a boolean or a comment. No YAML library is on the feed, and
/// Compose files need nothing more.
/// </summary>
internal sealed partial class YamlMap
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<(string Key, object Value)> entries = [];

    public bool IsEmpty => entries.Count == 0;

    public bool Contains(string key) => entries.Exists(e => e.Key == key);

    /// <summary>Adds a string, int, bool, list of strings or nested <see cref="YamlMap"/>.</summary>
    public YamlMap Add(string key, object value)
    {
        entries.Add((key, value));
        return this;
    }

    public string ToYaml()
    {
        var text = new StringBuilder();
        Write(text, 0);
        return text.ToString();
    }

    private void Write(StringBuilder text, int indent)
    {
        var padding = new string(' ', indent);
        foreach (var (key, value) in entries)
        {
            text.Append(padding).Append(Key(key)).Append(':');
            switch (value)
            {
                case YamlMap { IsEmpty: true }:
                    text.Append(" {}\n");
                    break;
                case YamlMap map:
                    text.Append('\n');
                    map.Write(text, indent + 2);
                    break;
                case IEnumerable<string> items:
                    text.Append(" [").AppendJoin(", ", items.Select(Quote)).Append("]\n");
                    break;
                default:
                    text.Append(' ').Append(Scalar(value)).Append('\n');
                    break;
            }
        }
    }

    private static string Scalar(object value) => value switch
    {
        string s => Quote(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Cannot write {value.GetType().Name} as YAML."),
    };

    private static string Quote(string value) => JsonSerializer.Serialize(value, Quoting);

    /// <summary>Plain when it cannot be misread (YAML 1.1, which PyYAML and so docker-compose speak, reads "on" as true).</summary>
    private static string Key(string key) =>
        PlainKey().IsMatch(key) && !YamlOneOneWords.Contains(key.ToLowerInvariant()) ? key : Quote(key);

    private static readonly HashSet<string> YamlOneOneWords = ["y", "yes", "n", "no", "true", "false", "on", "off", "null"];

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex PlainKey();
}
