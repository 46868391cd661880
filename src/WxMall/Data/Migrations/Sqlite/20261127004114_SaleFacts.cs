using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxMall.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SaleFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SaleFacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidFen = table.Column<long>(type: "INTEGER", nullable: false),
                    RefundedFen = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstPurchase = table.Column<bool>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SaleFacts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SaleFacts_Day",
                table: "SaleFacts",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_SaleFacts_MemberId",
                table: "SaleFacts",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_SaleFacts_OrderNumber",
                table: "SaleFacts",
                column: "OrderNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SaleFacts");
        }
    }
}
