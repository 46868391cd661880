using System.Globalization;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>Signs the parameters that start payment in the WeChat client (JSAPI and mini-program).</summary>
public static class ClientPaymentSigner
{
    /// <summary>The message signed for <c>paySign</c>.</summary>
    public static string BuildMessage(string appId, string timeStamp, string nonceString, string package) =>
        $"{appId}\n{timeStamp}\n{nonceString}\n{package}\n";

    /// <summary>Computes <c>paySign</c> with the merchant private key.</summary>
    public static string ComputePaySign(WeChatPayMerchantKey merchantKey, string appId, string timeStamp, string nonceString, string package)
    {
        ArgumentNullException.ThrowIfNull(merchantKey);
        return merchantKey.SignToBase64(BuildMessage(appId, timeStamp, nonceString, package));
    }

    /// <summary>Builds the full signed parameter set for a prepay id.</summary>
    public static ClientPaymentParameters Create(
        WeChatPayMerchantKey merchantKey,
        string appId,
        string prepayId,
        DateTimeOffset now,
        string nonceString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        ArgumentException.ThrowIfNullOrWhiteSpace(prepayId);
        ArgumentException.ThrowIfNullOrWhiteSpace(nonceString);
        var timeStamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var package = "prepay_id=" + prepayId;
        return new ClientPaymentParameters
        {
            AppId = appId,
            TimeStamp = timeStamp,
            NonceString = nonceString,
            Package = package,
            PaySign = ComputePaySign(merchantKey, appId, timeStamp, nonceString, package),
        };
    }
}
