using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace Db.Schema;

internal sealed class PrefixedIdGenerator(string prefix) : ValueGenerator<string>
{
    // A real id, not a placeholder: callers may use it before SaveChanges.
    public override bool GeneratesTemporaryValues => false;

    public override string Next(EntityEntry entry) => PrefixedId.New(prefix);
}
