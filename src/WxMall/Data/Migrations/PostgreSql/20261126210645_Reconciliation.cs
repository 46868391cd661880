using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WxMall.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PaidAt",
                table: "PaymentAttempts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReconciliationRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BillDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BillPayments = table.Column<int>(type: "integer", nullable: false),
                    BillPaidFen = table.Column<long>(type: "bigint", nullable: false),
                    BillRefunds = table.Column<int>(type: "integer", nullable: false),
                    BillRefundFen = table.Column<long>(type: "bigint", nullable: false),
                    Failure = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationDifferences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    OutTradeNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    OutRefundNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    WeChatFen = table.Column<long>(type: "bigint", nullable: true),
                    StoreFen = table.Column<long>(type: "bigint", nullable: true),
                    Detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Resolution = table.Column<int>(type: "integer", nullable: false),
                    ResolvedBy = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
