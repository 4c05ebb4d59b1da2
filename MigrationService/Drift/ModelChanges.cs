using Db;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace MigrationService.Drift;

/// <summary>What the model has that the last migration's snapshot does not: the operations `generate` would write.</summary>
internal static class ModelChanges
{
    public static List<string> Pending(AppDbContext db)
    {
        // The same comparison as DatabaseFacade.HasPendingModelChanges, keeping the operations to name them.
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot?.Model;
        if (snapshot is IMutableModel mutable)
        {
            snapshot = mutable.FinalizeModel();
        }

        if (snapshot is not null)
        {
            snapshot = db.GetService<IModelRuntimeInitializer>().Initialize(snapshot);
        }

        var designModel = db.GetService<IDesignTimeModel>().Model;
        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(snapshot?.GetRelationalModel(), designModel.GetRelationalModel());
        return [.. operations.Select(Describe)];
    }

    private static string Describe(MigrationOperation operation) => operation switch
    {
        CreateTableOperation o => $"create table \"{o.Name}\"",
        DropTableOperation o => $"drop table \"{o.Name}\"",
        RenameTableOperation o => $"rename table \"{o.Name}\" to \"{o.NewName}\"",
        AddColumnOperation o => $"add column \"{o.Table}\".\"{o.Name}\"",
        DropColumnOperation o => $"drop column \"{o.Table}\".\"{o.Name}\"",
        AlterColumnOperation o => $"alter column \"{o.Table}\".\"{o.Name}\"",
        RenameColumnOperation o => $"rename column \"{o.Table}\".\"{o.Name}\" to \"{o.NewName}\"",
        CreateIndexOperation o => $"create index \"{o.Name}\" on \"{o.Table}\"",
        DropIndexOperation o => $"drop index \"{o.Name}\"",
        RenameIndexOperation o => $"rename index \"{o.Name}\" to \"{o.NewName}\"",
        AddForeignKeyOperation o => $"add foreign key \"{o.Name}\" on \"{o.Table}\"",
        DropForeignKeyOperation o => $"drop foreign key \"{o.Name}\" on \"{o.Table}\"",
        AddUniqueConstraintOperation o => $"add unique constraint \"{o.Name}\" on \"{o.Table}\"",
        DropUniqueConstraintOperation o => $"drop unique constraint \"{o.Name}\" on \"{o.Table}\"",
        AddPrimaryKeyOperation o => $"add primary key \"{o.Name}\" on \"{o.Table}\"",
        DropPrimaryKeyOperation o => $"drop primary key \"{o.Name}\" on \"{o.Table}\"",
        _ => operation.GetType().Name.Replace("Operation", "", StringComparison.Ordinal),
    };
}
