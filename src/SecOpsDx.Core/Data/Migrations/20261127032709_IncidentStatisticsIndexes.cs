using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecOpsDx.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncidentStatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Incidents_ReceivedAt",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_Status",
                table: "Incidents");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ReceivedAt_TriagedAt_ClosedAt_Category_Closure",
                table: "Incidents",
                columns: new[] { "ReceivedAt", "TriagedAt", "ClosedAt", "Category", "Closure" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Status_Severity",
                table: "Incidents",
                columns: new[] { "Status", "Severity" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Incidents_ReceivedAt_TriagedAt_ClosedAt_Category_Closure",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_Status_Severity",
                table: "Incidents");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ReceivedAt",
                table: "Incidents",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Status",
                table: "Incidents",
                column: "Status");
        }
    }
}
