using System.Security.Cryptography;
using Db.Schema;
using Microsoft.AspNetCore.Identity;

namespace Db.Credentials;

/// <summary>
/// The format of <c>identity.password</c> for provider <c>credential</c>: ASP.NET Core Identity's PasswordHasher
/// (PBKDF2-HMAC-SHA512, salted, versioned format that rehashes on sign-in when the defaults grow). Here, next to the
/// schema, so the API (sign-up, sign-in) and the development seed (demo passwords) write the same hashes.
/// </summary>
public sealed class CredentialPasswords
{
    public const string ProviderId = "credential";

    private static readonly User NoUser = new() { Name = string.Empty, Email = string.Empty };

    // Stateless and thread-safe (Identity registers it as a singleton).
    private static readonly PasswordHasher<User> Hasher = new();

    // Verified when the email is unknown, so that a failed sign-in costs the same time either way and
    // the response time does not tell whether an account exists. Made when the singleton is first resolved,
    // so the first sign-in pays for it whatever the email.
    private readonly string dummyHash;

    public CredentialPasswords() =>
        dummyHash = Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    public static string Hash(string password) => Hasher.HashPassword(NoUser, password);

    /// <summary>Null when the password is wrong; otherwise whether the stored hash should be replaced by a newer one.</summary>
    public bool? Verify(string? storedHash, string password)
    {
        if (storedHash is null)
        {
            Hasher.VerifyHashedPassword(NoUser, dummyHash, password);
            return null;
        }

        return Hasher.VerifyHashedPassword(NoUser, storedHash, password) switch
        {
            PasswordVerificationResult.Success => false,
            PasswordVerificationResult.SuccessRehashNeeded => true,
            _ => null,
        };
    }
}
