using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecOpsDx.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ThreeLayerControls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IncidentControlLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    ControlId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentControlLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentControlLinks_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SegmentSystems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OwnerDepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Terminals = table.Column<int>(type: "INTEGER", nullable: false),
                    Vendor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SegmentSystems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SegmentSystems_Departments_OwnerDepartmentId",
                        column: x => x.OwnerDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SelfChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SeparationModelChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FromModel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ToModel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeparationModelChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SeparationSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeparationSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ControlExceptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ControlId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CompensatingMeasures = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlExceptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlExceptions_SegmentSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "SegmentSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ControlStates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ControlId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    NotApplicableReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OwnerDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    OwnerUserId = table.Column<string>(type: "TEXT", nullable: true),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EvidenceText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LastVerifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlStates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlStates_Departments_OwnerDepartmentId",
                        column: x => x.OwnerDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ControlStates_SegmentSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "SegmentSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ControlVerifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ControlId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: true),
                    VerifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    VerifiedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    VerifiedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlVerifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlVerifications_SegmentSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "SegmentSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SelfCheckAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SelfCheckId = table.Column<int>(type: "INTEGER", nullable: false),
                    ControlId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfCheckAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelfCheckAnswers_SelfChecks_SelfCheckId",
                        column: x => x.SelfCheckId,
                        principalTable: "SelfChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SelfCheckFindings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SelfCheckId = table.Column<int>(type: "INTEGER", nullable: false),
                    ControlId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CorrectiveAction = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OwnerDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfCheckFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelfCheckFindings_Departments_OwnerDepartmentId",
                        column: x => x.OwnerDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SelfCheckFindings_SelfChecks_SelfCheckId",
                        column: x => x.SelfCheckId,
                        principalTable: "SelfChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ControlEvidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ControlId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: true),
                    VerificationId = table.Column<int>(type: "INTEGER", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlEvidence_ControlVerifications_VerificationId",
                        column: x => x.VerificationId,
                        principalTable: "ControlVerifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ControlEvidence_SegmentSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "SegmentSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ControlEvidence_ControlId_Id",
                table: "ControlEvidence",
                columns: new[] { "ControlId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlEvidence_SystemId",
                table: "ControlEvidence",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlEvidence_VerificationId",
                table: "ControlEvidence",
                column: "VerificationId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlExceptions_ControlId_ExpiresOn",
                table: "ControlExceptions",
                columns: new[] { "ControlId", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlExceptions_SystemId",
                table: "ControlExceptions",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlStates_ControlId_SystemId",
                table: "ControlStates",
                columns: new[] { "ControlId", "SystemId" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlStates_OwnerDepartmentId",
                table: "ControlStates",
                column: "OwnerDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlStates_SystemId",
                table: "ControlStates",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlVerifications_ControlId_SystemId_VerifiedOn",
                table: "ControlVerifications",
                columns: new[] { "ControlId", "SystemId", "VerifiedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlVerifications_SystemId",
                table: "ControlVerifications",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentControlLinks_ControlId",
                table: "IncidentControlLinks",
                column: "ControlId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentControlLinks_IncidentId_ControlId",
                table: "IncidentControlLinks",
                columns: new[] { "IncidentId", "ControlId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SegmentSystems_OwnerDepartmentId",
                table: "SegmentSystems",
                column: "OwnerDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_SegmentSystems_Segment_Name",
                table: "SegmentSystems",
                columns: new[] { "Segment", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_SelfCheckAnswers_SelfCheckId_ControlId",
                table: "SelfCheckAnswers",
                columns: new[] { "SelfCheckId", "ControlId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelfCheckFindings_OwnerDepartmentId",
                table: "SelfCheckFindings",
                column: "OwnerDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_SelfCheckFindings_SelfCheckId_ControlId",
                table: "SelfCheckFindings",
                columns: new[] { "SelfCheckId", "ControlId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelfChecks_FiscalYear",
                table: "SelfChecks",
                column: "FiscalYear",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ControlEvidence");

            migrationBuilder.DropTable(
                name: "ControlExceptions");

            migrationBuilder.DropTable(
                name: "ControlStates");

            migrationBuilder.DropTable(
                name: "IncidentControlLinks");

            migrationBuilder.DropTable(
                name: "SelfCheckAnswers");

            migrationBuilder.DropTable(
                name: "SelfCheckFindings");

            migrationBuilder.DropTable(
                name: "SeparationModelChanges");

            migrationBuilder.DropTable(
                name: "SeparationSettings");

            migrationBuilder.DropTable(
                name: "ControlVerifications");

            migrationBuilder.DropTable(
                name: "SelfChecks");

            migrationBuilder.DropTable(
                name: "SegmentSystems");
        }
    }
}
