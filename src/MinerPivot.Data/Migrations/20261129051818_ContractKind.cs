using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinerPivot.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContractKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "contracts",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "colocation");

            migrationBuilder.AddCheckConstraint(
                name: "ck_contracts_kind",
                table: "contracts",
                sql: "kind IN ('colocation', 'gpu_cloud', 'build_to_suit')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_contracts_kind",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "contracts");
        }
    }
}
