using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mailroom.Data.Postgres.Migrations
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UndeliverableReason",
                table: "Contacts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Hold_ExpiryDays",
                table: "Accounts",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "Hold_FloodLimit",
                table: "Accounts",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<int>(
                name: "Hold_FloodWindowMinutes",
                table: "Accounts",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<bool>(
                name: "Hold_RouteDmarcFailures",
                table: "Accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "Hold_RspamdScore",
                table: "Accounts",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Hold_SpamAssassinScore",
                table: "Accounts",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SenderRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    Sender = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    CreatedByUserId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
