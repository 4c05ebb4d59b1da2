using System.Security.Cryptography;
using Db.Schema;
using Microsoft.AspNetCore.Identity;

namespace Api.Auth;

// Passwords are hashed by ASP.NET Core Identity's PasswordHasher (PBKDF2-HMAC-SHA512, salted, versioned
// format that rehashes on sign-in when the defaults grow).
public sealed class CredentialPasswords
{
    public const string ProviderId = "credential";

    private static readonly User NoUser = new() { Name = string.Empty, Email = string.Empty };

    private readonly PasswordHasher<User> hasher = new();

    // Verified when the email is unknown, so that a failed sign-in costs the same time either way and
    // the response time does not tell whether an account exists.
    private readonly Lazy<string> dummyHash;

    public CredentialPasswords() =>
        dummyHash = new Lazy<string>(() => hasher.HashPassword(NoUser, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    public string Hash(string password) => hasher.HashPassword(NoUser, password);

    /// <summary>Null when the password is wrong; otherwise whether the stored hash should be replaced by a newer one.</summary>
    public bool? Verify(string? storedHash, string password)
    {
        if (storedHash is null)
        {
            hasher.VerifyHashedPassword(NoUser, dummyHash.Value, password);
            return null;
        }

        return hasher.VerifyHashedPassword(NoUser, storedHash, password) switch
        {
            PasswordVerificationResult.Success => false,
            PasswordVerificationResult.SuccessRehashNeeded => true,
            _ => null,
        };
    }

    /// <summary>Warms the dummy hash at startup so the first unknown-email sign-in is not slower than others.</summary>
    public void Warm() => _ = dummyHash.Value;
}
