using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WxMall.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class WeChatIdentities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WeChatIdentities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AppId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OpenId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UnionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    MemberId = table.Column<long>(type: "bigint", nullable: true),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeChatIdentities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WeChatIdentities_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_WeChatIdentities_AppId_OpenId",
                table: "WeChatIdentities",
                columns: new[] { "AppId", "OpenId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WeChatIdentities_MemberId",
                table: "WeChatIdentities",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_WeChatIdentities_UnionId",
                table: "WeChatIdentities",
                column: "UnionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WeChatIdentities");
        }
    }
}
