using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WxMall.Admin;
using WxMall.Analytics;
using WxMall.Cart;
using WxMall.CustomerService;
using WxMall.Catalog;
using WxMall.Identity;
using WxMall.Inventory;
using WxMall.Members;
using WxMall.OfficialAccount;
using WxMall.Ordering;
using WxMall.Payments;
using WxMall.Payments.Reconciliation;

namespace WxMall.Data;

/// <summary>
/// The store's one database. Provider-specific subclasses exist only so each provider keeps
/// its own migrations; the model is the same.
/// </summary>
public abstract class MallDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Brand> Brands => Set<Brand>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Sku> Skus => Set<Sku>();
    public DbSet<PickupStore> PickupStores => Set<PickupStore>();
    public DbSet<StockItem> Stock => Set<StockItem>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<ShoppingCart> Carts => Set<ShoppingCart>();
    public DbSet<CartLine> CartLines => Set<CartLine>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<PaymentAttempt> PaymentAttempts => Set<PaymentAttempt>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<ReconciliationRun> ReconciliationRuns => Set<ReconciliationRun>();
    public DbSet<ReconciliationDifference> ReconciliationDifferences => Set<ReconciliationDifference>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<MemberAddress> Addresses => Set<MemberAddress>();
    public DbSet<PointsEntry> PointsEntries => Set<PointsEntry>();
    public DbSet<WeChatIdentity> WeChatIdentities => Set<WeChatIdentity>();
    public DbSet<StaffUser> Staff => Set<StaffUser>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ReceivedMessage> ReceivedMessages => Set<ReceivedMessage>();
    public DbSet<AutoReplyRule> AutoReplyRules => Set<AutoReplyRule>();
    public DbSet<MenuDraft> MenuDrafts => Set<MenuDraft>();
    public DbSet<ShortLink> ShortLinks => Set<ShortLink>();
    public DbSet<ShortLinkClick> ShortLinkClicks => Set<ShortLinkClick>();
    public DbSet<QrChannel> QrChannels => Set<QrChannel>();
    public DbSet<QrScan> QrScans => Set<QrScan>();
    public DbSet<OrderNotification> OrderNotifications => Set<OrderNotification>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationTurn> ConversationTurns => Set<ConversationTurn>();
    public DbSet<AgentPresence> AgentPresence => Set<AgentPresence>();
    public DbSet<SaleFact> SaleFacts => Set<SaleFact>();

    /// <summary>Cookie encryption keys, shared by every instance of the store.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Plain SQL on this context's connection, each statement prepared once per open connection.</summary>
    public PlainSql Sql => sql ??= new PlainSql(this);

    private PlainSql? sql;

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MallDb).Assembly);
}

public sealed class SqliteMallDb(DbContextOptions<SqliteMallDb> options) : MallDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or sort DateTimeOffset stored as text; store UTC unix milliseconds instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UnixMillisecondsConverter>();
    }
}

public sealed class PostgreSqlMallDb(DbContextOptions<PostgreSqlMallDb> options) : MallDb(options);
