using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecOpsDx.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class FindingCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CorrectedAt",
                table: "SelfCheckFindings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CorrectedBy",
                table: "SelfCheckFindings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CorrectedOn",
                table: "SelfCheckFindings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CorrectionNote",
                table: "SelfCheckFindings",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CorrectedAt",
                table: "SelfCheckFindings");

            migrationBuilder.DropColumn(
                name: "CorrectedBy",
                table: "SelfCheckFindings");

            migrationBuilder.DropColumn(
                name: "CorrectedOn",
                table: "SelfCheckFindings");

            migrationBuilder.DropColumn(
                name: "CorrectionNote",
                table: "SelfCheckFindings");
        }
    }
}
