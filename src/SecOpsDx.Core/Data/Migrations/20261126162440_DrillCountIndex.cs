using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecOpsDx.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DrillCountIndex : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
