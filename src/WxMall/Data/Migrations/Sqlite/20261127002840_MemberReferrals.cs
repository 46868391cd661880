using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxMall.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MemberReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReferralCode",
                table: "Members",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReferredAt",
                table: "Members",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReferredByMemberId",
                table: "Members",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_ReferralCode",
                table: "Members",
                column: "ReferralCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_ReferredByMemberId",
                table: "Members",
                column: "ReferredByMemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_ReferralCode",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Members_ReferredByMemberId",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ReferralCode",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ReferredAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ReferredByMemberId",
                table: "Members");
        }
    }
}
