using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecOpsDx.Core.Data.Migrations
{
    /// <summary>
    /// Covering indexes for the CISO dashboard's counts: drill results per drill, step and reported flag; acknowledged
    /// people per document revision; and the newest audit entry per record type (the version of ended 年度' figures).
    /// </summary>
    public partial class DashboardCountIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DrillResults_DrillId",
                table: "DrillResults");

            migrationBuilder.CreateIndex(
                name: "IX_DrillResults_DrillId_Step_Reported",
                table: "DrillResults",
                columns: new[] { "DrillId", "Step", "Reported" });

            migrationBuilder.DropIndex(
                name: "IX_PolicyAcknowledgments_DocumentId_RevisionNumber",
                table: "PolicyAcknowledgments");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyAcknowledgments_DocumentId_RevisionNumber_StaffId",
                table: "PolicyAcknowledgments",
                columns: new[] { "DocumentId", "RevisionNumber", "StaffId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_Sequence",
                table: "AuditEntries",
                columns: new[] { "EntityType", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_EntityType_Sequence",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_PolicyAcknowledgments_DocumentId_RevisionNumber_StaffId",
                table: "PolicyAcknowledgments");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyAcknowledgments_DocumentId_RevisionNumber",
                table: "PolicyAcknowledgments",
                columns: new[] { "DocumentId", "RevisionNumber" });

            migrationBuilder.DropIndex(
                name: "IX_DrillResults_DrillId_Step_Reported",
                table: "DrillResults");

            migrationBuilder.CreateIndex(
                name: "IX_DrillResults_DrillId",
                table: "DrillResults",
                column: "DrillId");
        }
    }
}
