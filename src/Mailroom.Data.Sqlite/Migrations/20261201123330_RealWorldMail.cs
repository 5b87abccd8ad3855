using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mailroom.Data.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RouteAutomaticMail",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "HeldMails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Mailbox = table.Column<string>(type: "TEXT", nullable: false),
                    UidValidity = table.Column<long>(type: "INTEGER", nullable: false),
                    Uid = table.Column<long>(type: "INTEGER", nullable: false),
                    RawSha256 = table.Column<string>(type: "TEXT", nullable: false),
                    RawSize = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: false),
                    HeldAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
