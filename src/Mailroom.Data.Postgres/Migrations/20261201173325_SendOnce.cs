using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mailroom.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SendOnce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "Outbox",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SentByUserId",
                table: "Outbox",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_SentByUserId_IdempotencyKey",
                table: "Outbox",
                columns: new[] { "SentByUserId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_SentByUserId_IdempotencyKey",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "SentByUserId",
                table: "Outbox");
        }
    }
}
