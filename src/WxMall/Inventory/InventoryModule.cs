namespace WxMall.Inventory;

public static class InventoryModule
{
    public static WebApplicationBuilder AddInventory(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<StockService>();
        return builder;
    }
}
