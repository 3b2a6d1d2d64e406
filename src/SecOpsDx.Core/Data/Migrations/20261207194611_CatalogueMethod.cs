using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecOpsDx.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueMethod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Methods",
                table: "ControlStates",
                type: "TEXT",
                maxLength: 400,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Methods",
                table: "ControlStates");
        }
    }
}
