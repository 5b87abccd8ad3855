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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FromFallback",
                table: "Messages");
        }
    }
}
