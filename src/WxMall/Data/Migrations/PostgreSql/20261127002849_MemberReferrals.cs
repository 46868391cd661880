using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxMall.Data.Migrations.PostgreSql
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
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReferredAt",
                table: "Members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReferredByMemberId",
                table: "Members",
                type: "bigint",
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
