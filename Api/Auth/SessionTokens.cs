using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Api.Auth;

// A session token is 256 random bits, given to the client once. The session table keeps only its SHA-256,
// so a leaked table (a backup, a log of rows) does not let anyone act as its users. A slow hash is not
// needed: the token is random, not guessable like a password.
internal static class SessionTokens
{
    private const int TokenBytes = 32;

    // Base64url without padding of 32 bytes.
    private const int TokenLength = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    public static bool IsWellFormed(string token) =>
        token.Length == TokenLength && Base64Url.IsValid(token);

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
