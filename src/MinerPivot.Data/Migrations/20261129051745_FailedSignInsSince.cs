using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinerPivot.Data.Migrations
{
    /// <inheritdoc />
    public partial class FailedSignInsSince : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "failed_sign_ins_since",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "failed_sign_ins_since",
                table: "users");
        }
    }
}
