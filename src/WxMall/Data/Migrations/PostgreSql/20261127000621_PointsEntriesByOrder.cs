using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxMall.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PointsEntriesByOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PointsEntries_MemberId_OrderNumber_Reason",
                table: "PointsEntries");

            migrationBuilder.CreateIndex(
                name: "IX_PointsEntries_OrderNumber_Reason_MemberId",
                table: "PointsEntries",
                columns: new[] { "OrderNumber", "Reason", "MemberId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PointsEntries_OrderNumber_Reason_MemberId",
                table: "PointsEntries");

            migrationBuilder.CreateIndex(
                name: "IX_PointsEntries_MemberId_OrderNumber_Reason",
                table: "PointsEntries",
                columns: new[] { "MemberId", "OrderNumber", "Reason" },
                unique: true);
        }
    }
}
