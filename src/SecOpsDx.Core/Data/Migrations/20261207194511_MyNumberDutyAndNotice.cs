using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecOpsDx.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class MyNumberDutyAndNotice : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExposedToPublic",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "MyNumberSystemsInvolved",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Method",
                table: "IncidentReports");
        }
    }
}
