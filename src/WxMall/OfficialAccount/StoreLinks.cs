using Microsoft.Extensions.Options;
using WxMall.Catalog;

namespace WxMall.OfficialAccount;

/// <summary>Absolute links into the H5 store, for replies that leave WeChat's chat for a page.</summary>
public sealed class StoreLinks(IConfiguration configuration)
{
    private readonly string baseUrl = (configuration["WeChat:StoreBaseUrl"] ?? "http://localhost:5000").TrimEnd('/');

    public string Absolute(string path) => path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        ? path
        : baseUrl + (path.StartsWith('/') ? path : "/" + path);

    public string Product(string productCode) => Absolute("/products/" + Uri.EscapeDataString(productCode));

    public string ProductImage(string productCode) => Absolute(ProductImages.UrlFor(productCode, 1));

    /// <summary>The store with a pickup store chosen, for the in-store pickup flow.</summary>
    public string Pickup(string pickupStoreCode) => Absolute("/?pickup=" + Uri.EscapeDataString(pickupStoreCode));
}
