using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecOpsDx.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class TimelineEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Data",
                table: "IncidentTimeline",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Event",
                table: "IncidentTimeline",
                type: "TEXT",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Data",
                table: "IncidentTimeline");

            migrationBuilder.DropColumn(
                name: "Event",
                table: "IncidentTimeline");
        }
    }
}
