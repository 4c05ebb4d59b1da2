using System.Buffers;
using System.Security.Cryptography;

namespace Db;

/// <summary>Ids of the form <c>{prefix}_{16 lowercase base-36 characters}</c>, e.g. <c>usr_k3v9x0q2m7a1b8c4</c>.</summary>
public static class PrefixedId
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    private const int RandomLength = 16;
    private static readonly SearchValues<char> AlphabetChars = SearchValues.Create(Alphabet);

    public static string New(string prefix) =>
        $"{prefix}_{RandomNumberGenerator.GetString(Alphabet, RandomLength)}";

    public static bool IsValid(string id, string prefix)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(prefix);

        return id.Length == prefix.Length + 1 + RandomLength
            && id.StartsWith(prefix, StringComparison.Ordinal)
            && id[prefix.Length] == '_'
            && id.AsSpan(prefix.Length + 1).IndexOfAnyExcept(AlphabetChars) < 0;
    }
}
