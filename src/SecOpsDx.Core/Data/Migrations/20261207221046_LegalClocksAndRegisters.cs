using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecOpsDx.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class LegalClocksAndRegisters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ExposedToPublic",
                table: "Incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "MyNumberSystemsInvolved",
                table: "Incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Method",
                table: "IncidentReports",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Methods",
                table: "ControlStates",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DrillManualReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DrillId = table.Column<int>(type: "INTEGER", nullable: false),
                    DrillResultId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrillManualReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DrillManualReports_DrillResults_DrillResultId",
                        column: x => x.DrillResultId,
                        principalTable: "DrillResults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DrillManualReports_Drills_DrillId",
                        column: x => x.DrillId,
                        principalTable: "Drills",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrganPublications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Covered = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganPublications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganPublications_PolicyDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "PolicyDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DrillManualReports_DrillId",
                table: "DrillManualReports",
                column: "DrillId");

            migrationBuilder.CreateIndex(
                name: "IX_DrillManualReports_DrillResultId",
                table: "DrillManualReports",
                column: "DrillResultId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganPublications_DocumentId_OrganCode",
                table: "OrganPublications",
                columns: new[] { "DocumentId", "OrganCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DrillManualReports");

            migrationBuilder.DropTable(
                name: "OrganPublications");

            migrationBuilder.DropColumn(
                name: "ExposedToPublic",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "MyNumberSystemsInvolved",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Method",
                table: "IncidentReports");

            migrationBuilder.DropColumn(
                name: "Methods",
                table: "ControlStates");
        }
    }
}
