using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxMall.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class QrScansByMember : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_QrScans_MemberId",
                table: "QrScans",
                column: "MemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QrScans_MemberId",
                table: "QrScans");
        }
    }
}
