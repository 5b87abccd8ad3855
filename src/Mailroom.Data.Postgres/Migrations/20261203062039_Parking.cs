using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mailroom.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Parking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ParkedAt",
                table: "Interactions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ParkedUntil",
                table: "Interactions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PendingFreesCapacity",
                table: "DesktopSettings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_ParkedUntil",
                table: "Interactions",
                column: "ParkedUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interactions_ParkedUntil",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "ParkedAt",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "ParkedUntil",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "PendingFreesCapacity",
                table: "DesktopSettings");
        }
    }
}
