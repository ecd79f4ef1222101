using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinerPivot.Data.Migrations
{
    /// <summary>
    /// The fact tables' statement triggers (from the Alerts migration) also list the table in the transaction-local
    /// setting minerpivot.facts_changed, so a writer in the app can tell at commit that cached facts must go
    /// (FactWriteInterceptor); other instances still learn of it from the NOTIFY. The model is unchanged, so this
    /// migration has no target model of its own.
    /// </summary>
    [DbContext(typeof(MinerPivotDbContext))]
    [Migration("20261129060000_FactChangeSignal")]
    public partial class FactChangeSignal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION minerpivot_notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    written text := coalesce(current_setting('minerpivot.facts_changed', true), '');
                BEGIN
                    PERFORM pg_notify('minerpivot_data_changed', TG_TABLE_NAME);
                    IF position(',' || TG_TABLE_NAME || ',' IN written) = 0 THEN
                        PERFORM set_config('minerpivot.facts_changed',
                            CASE WHEN written = '' THEN ',' ELSE written END || TG_TABLE_NAME || ',', true);
                    END IF;
                    RETURN NULL;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION minerpivot_notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('minerpivot_data_changed', TG_TABLE_NAME);
                    RETURN NULL;
                END
                $$;
                """);
        }
    }
}
