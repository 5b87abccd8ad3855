using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mailroom.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RealWorldMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FromFallback",
                table: "Messages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RouteAutomaticMail",
                table: "Accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "HeldMails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    Mailbox = table.Column<string>(type: "text", nullable: false),
                    UidValidity = table.Column<long>(type: "bigint", nullable: false),
                    Uid = table.Column<long>(type: "bigint", nullable: false),
                    RawSha256 = table.Column<string>(type: "text", nullable: false),
                    RawSize = table.Column<long>(type: "bigint", nullable: false),
                    From = table.Column<string>(type: "text", nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: false),
                    HeldAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HeldMails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HeldMails_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HeldMails_AccountId_From_HeldAt",
                table: "HeldMails",
                columns: new[] { "AccountId", "From", "HeldAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HeldMails_AccountId_Mailbox_UidValidity_Uid",
                table: "HeldMails",
                columns: new[] { "AccountId", "Mailbox", "UidValidity", "Uid" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HeldMails");

            migrationBuilder.DropColumn(
                name: "FromFallback",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "RouteAutomaticMail",
                table: "Accounts");
        }
    }
}
