using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mailroom.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OAuth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AuthMethod",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "OAuthAppId",
                table: "Accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OAuth_AccessTokenCipher",
                table: "Accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OAuth_AccessTokenExpiresAt",
                table: "Accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OAuth_Problem",
                table: "Accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OAuth_RefreshTokenCipher",
                table: "Accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OAuth_State",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "OAuthApps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Profile = table.Column<int>(type: "INTEGER", nullable: false),
                    Tenant = table.Column<string>(type: "TEXT", nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", nullable: false),
                    ClientSecretCipher = table.Column<string>(type: "TEXT", nullable: true),
                    AuthorizationEndpoint = table.Column<string>(type: "TEXT", nullable: true),
                    TokenEndpoint = table.Column<string>(type: "TEXT", nullable: true),
                    Scopes = table.Column<string>(type: "TEXT", nullable: true),
                    Mechanism = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthApps", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_OAuthAppId",
                table: "Accounts",
                column: "OAuthAppId");

            migrationBuilder.CreateIndex(
                name: "IX_OAuthApps_Name",
                table: "OAuthApps",
                column: "Name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Accounts_OAuthApps_OAuthAppId",
                table: "Accounts",
                column: "OAuthAppId",
                principalTable: "OAuthApps",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Accounts_OAuthApps_OAuthAppId",
                table: "Accounts");

            migrationBuilder.DropTable(
                name: "OAuthApps");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_OAuthAppId",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "AuthMethod",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "OAuthAppId",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "OAuth_AccessTokenCipher",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "OAuth_AccessTokenExpiresAt",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "OAuth_Problem",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "OAuth_RefreshTokenCipher",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "OAuth_State",
                table: "Accounts");
        }
    }
}
