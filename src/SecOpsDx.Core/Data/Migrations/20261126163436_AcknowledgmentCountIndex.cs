using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecOpsDx.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AcknowledgmentCountIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PolicyAcknowledgments_DocumentId_RevisionNumber",
                table: "PolicyAcknowledgments");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyAcknowledgments_DocumentId_RevisionNumber_StaffId",
                table: "PolicyAcknowledgments",
                columns: new[] { "DocumentId", "RevisionNumber", "StaffId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PolicyAcknowledgments_DocumentId_RevisionNumber_StaffId",
                table: "PolicyAcknowledgments");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyAcknowledgments_DocumentId_RevisionNumber",
                table: "PolicyAcknowledgments",
                columns: new[] { "DocumentId", "RevisionNumber" });
        }
    }
}
