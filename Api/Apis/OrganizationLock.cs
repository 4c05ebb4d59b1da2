using Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

// Membership changes of one organization (removing an owner, inviting against the plan's member limit,
// accepting an invitation) count rows and then write; two at once could both pass the count. Locking the
// organization's row for the transaction makes them take turns.
internal static class OrganizationLock
{
    public static Task LockAsync(DirectDbContext db, string organizationId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM organization WHERE id = {organizationId} FOR UPDATE", cancellationToken);
}
