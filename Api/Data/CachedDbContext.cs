using Db;
using Microsoft.EntityFrameworkCore;

namespace Api.Data;

// The handle for reads that may be served from the query cache (the seed's `ctx.db`, Hyperdrive's
// cached binding). Its options are built in DatabaseExtensions.ConfigureCachedDbContext, the one
// place the cache hooks in.
public sealed class CachedDbContext(DbContextOptions<CachedDbContext> options) : AppDbContext(options);
