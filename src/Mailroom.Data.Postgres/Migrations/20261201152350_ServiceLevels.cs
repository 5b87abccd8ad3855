using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mailroom.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ServiceLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PausesSla",
                table: "SubStatuses",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "Interactions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "ActionPlanSteps",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SlaPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AccountId = table.Column<int>(type: "integer", nullable: true),
                    QueueId = table.Column<int>(type: "integer", nullable: true),
                    IntervalId = table.Column<int>(type: "integer", nullable: true),
                    FirstResponseMinutes = table.Column<int>(type: "integer", nullable: true),
                    NextResponseMinutes = table.Column<int>(type: "integer", nullable: true),
                    ResolutionMinutes = table.Column<int>(type: "integer", nullable: true),
                    AtRiskPercent = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AtRisk_NotifySupervisors = table.Column<bool>(type: "boolean", nullable: false),
                    AtRisk_OverflowQueueId = table.Column<int>(type: "integer", nullable: true),
                    AtRisk_RaisePriorityTo = table.Column<int>(type: "integer", nullable: true),
                    AtRisk_TagId = table.Column<int>(type: "integer", nullable: true),
                    Breach_NotifySupervisors = table.Column<bool>(type: "boolean", nullable: false),
                    Breach_OverflowQueueId = table.Column<int>(type: "integer", nullable: true),
                    Breach_RaisePriorityTo = table.Column<int>(type: "integer", nullable: true),
                    Breach_TagId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlaPolicies_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SlaPolicies_Intervals_IntervalId",
                        column: x => x.IntervalId,
                        principalTable: "Intervals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SlaPolicies_Queues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "Queues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SlaClocks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InteractionId = table.Column<long>(type: "bigint", nullable: false),
                    PolicyId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    TargetMinutes = table.Column<int>(type: "integer", nullable: false),
                    AtRiskPercent = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Used = table.Column<TimeSpan>(type: "interval", nullable: false),
                    RunningSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AtRiskAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextTimerAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AtRiskReachedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BreachedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StoppedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaClocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlaClocks_Interactions_InteractionId",
                        column: x => x.InteractionId,
                        principalTable: "Interactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SlaClocks_SlaPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "SlaPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_InteractionId_Kind",
                table: "SlaClocks",
                columns: new[] { "InteractionId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_NextTimerAt",
                table: "SlaClocks",
                column: "NextTimerAt");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_PolicyId",
                table: "SlaClocks",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_AccountId",
                table: "SlaPolicies",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_IntervalId",
                table: "SlaPolicies",
                column: "IntervalId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_Name",
                table: "SlaPolicies",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_QueueId",
                table: "SlaPolicies",
                column: "QueueId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SlaClocks");

            migrationBuilder.DropTable(
                name: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "PausesSla",
                table: "SubStatuses");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "ActionPlanSteps");
        }
    }
}
