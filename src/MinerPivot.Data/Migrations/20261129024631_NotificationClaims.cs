using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinerPivot.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotificationClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "claimed_by",
                table: "alert_notifications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "claimed_until",
                table: "alert_notifications",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "claimed_by",
                table: "alert_notifications");

            migrationBuilder.DropColumn(
                name: "claimed_until",
                table: "alert_notifications");
        }
    }
}
