namespace Api.Auth;

// The fixed set of member roles, as the original kit names them.
public static class OrganizationRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";

    public static readonly IReadOnlyList<string> All = [Owner, Admin, Member];

    public static readonly IReadOnlySet<string> Managers = new HashSet<string>(StringComparer.Ordinal) { Owner, Admin };

    public static readonly IReadOnlySet<string> Owners = new HashSet<string>(StringComparer.Ordinal) { Owner };

    public static readonly IReadOnlySet<string> Anyone = new HashSet<string>(All, StringComparer.Ordinal);
}
