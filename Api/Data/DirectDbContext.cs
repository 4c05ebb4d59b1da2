using Db;
using Microsoft.EntityFrameworkCore;

namespace Api.Data;

// The handle that always goes to PostgreSQL (the seed's `ctx.dbDirect`): writes, and reads that
// must see the latest committed data.
public sealed class DirectDbContext(DbContextOptions<DirectDbContext> options) : AppDbContext(options);
