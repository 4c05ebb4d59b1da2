using System.Globalization;

namespace Load;

internal sealed record LoadOptions(int Seconds, int Connections, int Threads)
{
    public static LoadOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new LoadOptions(Value("--seconds", 10), Value("--connections", 16), Value("--threads", 2));
    }
}
