using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxMall.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Payments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RefundPendingFen",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "StatusBeforeRefund",
                table: "Orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PaymentAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OutTradeNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Mode = table.Column<int>(type: "INTEGER", nullable: false),
                    AppId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PayerOpenId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PrepayId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CodeUrl = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    H5Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastQueriedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TransactionId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentAttempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Refunds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OutRefundNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OutTradeNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TransactionId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    TransactionTotalFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Restock = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    WeChatRefundId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Refunds", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAttempts_OrderNumber",
                table: "PaymentAttempts",
                column: "OrderNumber");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAttempts_OutTradeNumber",
                table: "PaymentAttempts",
                column: "OutTradeNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_OrderNumber",
                table: "Refunds",
                column: "OrderNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_OutRefundNumber",
                table: "Refunds",
                column: "OutRefundNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaymentAttempts");

            migrationBuilder.DropTable(
                name: "Refunds");

            migrationBuilder.DropColumn(
                name: "RefundPendingFen",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "StatusBeforeRefund",
                table: "Orders");
        }
    }
}
