using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mailroom.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HeldRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "UndeliverableAt",
                table: "Contacts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UndeliverableReason",
                table: "Contacts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Hold_ExpiryDays",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "Hold_FloodLimit",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<int>(
                name: "Hold_FloodWindowMinutes",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<bool>(
                name: "Hold_RouteDmarcFailures",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "Hold_RspamdScore",
                table: "Accounts",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Hold_SpamAssassinScore",
                table: "Accounts",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SenderRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sender = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SenderRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SenderRules_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SenderRules_AccountId_Sender",
                table: "SenderRules",
                columns: new[] { "AccountId", "Sender" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SenderRules");

            migrationBuilder.DropColumn(
                name: "UndeliverableAt",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "UndeliverableReason",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "Hold_ExpiryDays",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Hold_FloodLimit",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Hold_FloodWindowMinutes",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Hold_RouteDmarcFailures",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Hold_RspamdScore",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Hold_SpamAssassinScore",
                table: "Accounts");
        }
    }
}
