using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxMall.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PaidAt",
                table: "PaymentAttempts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReconciliationRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BillDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    BillPayments = table.Column<int>(type: "INTEGER", nullable: false),
                    BillPaidFen = table.Column<long>(type: "INTEGER", nullable: false),
                    BillRefunds = table.Column<int>(type: "INTEGER", nullable: false),
                    BillRefundFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationDifferences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    OutTradeNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    OutRefundNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    WeChatFen = table.Column<long>(type: "INTEGER", nullable: true),
                    StoreFen = table.Column<long>(type: "INTEGER", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Resolution = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationDifferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReconciliationDifferences_ReconciliationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "ReconciliationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_CompletedAt",
                table: "Refunds",
                column: "CompletedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAttempts_PaidAt",
                table: "PaymentAttempts",
                column: "PaidAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationDifferences_RunId",
                table: "ReconciliationDifferences",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationRuns_BillDate",
                table: "ReconciliationRuns",
                column: "BillDate");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReconciliationDifferences");

            migrationBuilder.DropTable(
                name: "ReconciliationRuns");

            migrationBuilder.DropIndex(
                name: "IX_Refunds_CompletedAt",
                table: "Refunds");

            migrationBuilder.DropIndex(
                name: "IX_PaymentAttempts_PaidAt",
                table: "PaymentAttempts");

            migrationBuilder.DropColumn(
                name: "PaidAt",
                table: "PaymentAttempts");
        }
    }
}
