using Tests.Infrastructure;

namespace Tests.Database;

/// <summary>The migrated schema matches the seed's schema sheet, table by table.</summary>
public sealed class SchemaTests(SharedApp shared)
{
    private string Db => shared.DatabaseConnectionString;

    public static TheoryData<string, string> Columns => new()
    {
        { "user", "id NN|name NN|email NN|email_verified NN false|image|is_anonymous NN false|stripe_customer_id" },
        { "session", "id NN|expires_at NN|token NN|ip_address|user_agent|user_id NN|active_organization_id" },
        { "identity", "id NN|account_id NN|provider_id NN|user_id NN|access_token|refresh_token|id_token|access_token_expires_at|refresh_token_expires_at|scope|password" },
        { "verification", "id NN|identifier NN|value NN|expires_at NN" },
        { "organization", "id NN|name NN|slug NN|logo|metadata|stripe_customer_id" },
        { "member", "id NN|user_id NN|organization_id NN|role NN" },
        { "invitation", "id NN|email NN|inviter_id NN|organization_id NN|role NN|status NN 'pending'::text|expires_at NN|accepted_at|rejected_at" },
        { "passkey", "id NN|name|public_key NN|user_id NN|credential_id NN|counter NN 0|device_type NN|backed_up NN|transports|aaguid|last_used_at|device_name|platform" },
        { "subscription", "id NN|plan NN|reference_id NN|stripe_customer_id|stripe_subscription_id|status NN 'incomplete'::text|period_start|period_end|trial_start|trial_end|cancel_at_period_end false|cancel_at|canceled_at|ended_at|seats|billing_interval|group_id" },
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task EveryTableHasTheSheetsColumnsWithTheirNullabilityAndDefaults(string table, string expected)
    {
        var actual = await Infrastructure.Database.RowsAsync(Db, $"""
            SELECT column_name || CASE WHEN is_nullable = 'NO' THEN ' NN' ELSE '' END || COALESCE(' ' || column_default, '')
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = '{table}' AND column_name NOT IN ('created_at', 'updated_at')
            """);
        var timestamps = await Infrastructure.Database.RowsAsync(Db, $"""
            SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = '{table}' AND column_name IN ('created_at', 'updated_at') ORDER BY column_name
            """);

        Assert.Equal(expected.Split('|').Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["created_at|timestamp with time zone|NO|now()", "updated_at|timestamp with time zone|NO|now()"],
            timestamps);
    }

    [Fact]
    public async Task IdsAreTextPrimaryKeysWithoutADatabaseDefault()
    {
        var ids = await Infrastructure.Database.RowsAsync(Db, """
            SELECT c.table_name, c.data_type, COALESCE(c.column_default, 'none')
            FROM information_schema.columns c
            JOIN information_schema.table_constraints t ON t.table_name = c.table_name AND t.constraint_type = 'PRIMARY KEY'
            JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name AND k.column_name = c.column_name
            WHERE c.table_schema = 'public' AND c.table_name NOT LIKE '\_\_%'
            ORDER BY c.table_name
            """);

        Assert.Equal(
            ["identity|text|none", "invitation|text|none", "member|text|none", "organization|text|none", "passkey|text|none",
             "session|text|none", "subscription|text|none", "user|text|none", "verification|text|none"],
            ids);
    }

    [Fact]
    public async Task UniqueConstraintsAndIndexesAreThoseOfTheSheet()
    {
        var indexes = await Infrastructure.Database.RowsAsync(Db, """
            SELECT CASE WHEN ix.indisunique THEN 'unique ' ELSE '' END || t.relname || '(' || string_agg(a.attname, ',' ORDER BY k.ord) || ')'
            FROM pg_index ix
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            WHERE n.nspname = 'public' AND NOT ix.indisprimary AND t.relname NOT LIKE '\_\_%'
            GROUP BY ix.indexrelid, ix.indisunique, t.relname
            """);

        string[] expected =
        [
            "unique user(email)",
            "unique session(token)", "session(user_id)", "session(active_organization_id)",
            "unique identity(provider_id,account_id)", "identity(user_id)",
            "unique verification(identifier,value)", "verification(identifier)", "verification(value)", "verification(expires_at)",
            "unique organization(slug)",
            "unique member(user_id,organization_id)", "member(user_id)", "member(organization_id)",
            "unique invitation(organization_id,email)", "invitation(email)", "invitation(inviter_id)", "invitation(organization_id)",
            "unique passkey(credential_id)", "passkey(user_id)",
            "unique subscription(stripe_subscription_id)", "subscription(reference_id)", "subscription(stripe_customer_id)",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), indexes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryForeignKeyCascadesOnDelete()
    {
        var foreignKeys = await Infrastructure.Database.RowsAsync(Db, """
            SELECT cl.relname || '.' || a.attname || ' -> ' || rt.relname || ' ' || c.confdeltype::text
            FROM pg_constraint c
            JOIN pg_class cl ON cl.oid = c.conrelid
            JOIN pg_class rt ON rt.oid = c.confrelid
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f'
            """);

        string[] expected =
        [
            "session.user_id -> user c", "identity.user_id -> user c", "passkey.user_id -> user c",
            "member.user_id -> user c", "member.organization_id -> organization c",
            "invitation.inviter_id -> user c", "invitation.organization_id -> organization c",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), foreignKeys.Order(StringComparer.Ordinal));
    }
}
