using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecOpsDx.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncidentIdempotencyKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "Incidents",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_IdempotencyKey",
                table: "Incidents",
                column: "IdempotencyKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Incidents_IdempotencyKey",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Incidents");
        }
    }
}
