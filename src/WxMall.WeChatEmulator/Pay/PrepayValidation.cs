using System.Globalization;
using System.Text;
using System.Text.Json;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.Pay;

/// <summary>The field rules of the JSAPI / Native / H5 prepay body (§10.3), answered with PARAM_ERROR like WeChat Pay.</summary>
internal static class PrepayValidation
{
    public static PayReply? FindNull(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return PayReply.ParameterError(path, "null is not allowed; omit the field instead");
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (FindNull(property.Value, path + "/" + property.Name) is { } error)
                    {
                        return error;
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindNull(item, path + "/" + index++) is { } error)
                    {
                        return error;
                    }
                }

                break;
            case JsonValueKind.String when element.GetString()!.EnumerateRunes().Any(rune => rune.Utf8SequenceLength > 3):
                return PayReply.ParameterError(path, "characters outside the Basic Multilingual Plane (4-byte UTF-8) are not accepted");
        }

        return null;
    }

    public static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <returns>The order to place, or the error reply.</returns>
    public static (PayOrder? Order, PayReply? Error) Read(JsonElement root, string tradeType, EmulatorOptions options, AppRegistry apps, UserDirectory users, DateTimeOffset now)
    {
        var appId = Text(root, "appid");
        var merchantId = Text(root, "mchid");
        var description = Text(root, "description");
        var outTradeNumber = Text(root, "out_trade_no");
        var notifyUrl = Text(root, "notify_url");
        if (string.IsNullOrEmpty(appId))
        {
            return Missing("appid");
        }

        if (string.IsNullOrEmpty(merchantId))
        {
            return Missing("mchid");
        }

        if (string.IsNullOrEmpty(description))
        {
            return Missing("description");
        }

        if (string.IsNullOrEmpty(outTradeNumber))
        {
            return Missing("out_trade_no");
        }

        if (string.IsNullOrEmpty(notifyUrl))
        {
            return Missing("notify_url");
        }

        if (merchantId != options.Merchant.MerchantId)
        {
            return (null, PayReply.Error(400, "MCH_NOT_EXISTS", "商户号不存在"));
        }

        var app = apps.Find(appId);
        if (app is null)
        {
            return (null, PayReply.Error(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配"));
        }

        if (description.Length > 127)
        {
            return (null, PayReply.ParameterError("/description", "description is longer than 127 characters"));
        }

        if (outTradeNumber.Length is < 6 or > 32 || !outTradeNumber.All(character => char.IsAsciiLetterOrDigit(character) || character is '_' or '-' or '|' or '*'))
        {
            return (null, PayReply.ParameterError("/out_trade_no", "out_trade_no must be 6-32 characters of [0-9A-Za-z_-|*]"));
        }

        if (notifyUrl.Length > 255 || !Uri.TryCreate(notifyUrl, UriKind.Absolute, out var notify) || notify.Scheme is not ("http" or "https"))
        {
            return (null, PayReply.ParameterError("/notify_url", "notify_url must be an absolute URL"));
        }

        if (notify.Query.Length > 0 || notifyUrl.Contains('?', StringComparison.Ordinal))
        {
            return (null, PayReply.ParameterError("/notify_url", "notify_url must not carry a query string"));
        }

        if (!root.TryGetProperty("amount", out var amount) || amount.ValueKind != JsonValueKind.Object)
        {
            return Missing("amount");
        }

        if (!amount.TryGetProperty("total", out var totalElement) || totalElement.ValueKind != JsonValueKind.Number
            || !totalElement.TryGetInt64(out var total) || total < 1)
        {
            return (null, PayReply.ParameterError("/amount/total", "total must be a positive integer amount in fen"));
        }

        if (Text(amount, "currency") is { } currency && currency != "CNY")
        {
            return (null, PayReply.ParameterError("/amount/currency", "Currency code is invalid"));
        }

        string? payerOpenId = null;
        if (tradeType == "JSAPI")
        {
            if (!root.TryGetProperty("payer", out var payer) || payer.ValueKind != JsonValueKind.Object || string.IsNullOrEmpty(Text(payer, "openid")))
            {
                return Missing("payer/openid");
            }

            payerOpenId = Text(payer, "openid");
            var user = users.Find(payerOpenId);
            if (user is null || AppRegistry.OpenIdOf(user, app) != payerOpenId)
            {
                return (null, PayReply.Error(400, "PARAM_ERROR", "openid和appid不匹配"));
            }
        }

        if (tradeType == "MWEB")
        {
            if (!root.TryGetProperty("scene_info", out var scene) || scene.ValueKind != JsonValueKind.Object || string.IsNullOrEmpty(Text(scene, "payer_client_ip")))
            {
                return Missing("scene_info/payer_client_ip");
            }

            if (!scene.TryGetProperty("h5_info", out var h5) || h5.ValueKind != JsonValueKind.Object || Text(h5, "type") is not ("Wap" or "iOS" or "Android"))
            {
                return Missing("scene_info/h5_info/type");
            }
        }

        var expiresAt = now.AddDays(7);
        if (Text(root, "time_expire") is { } expireText)
        {
            if (!DateTimeOffset.TryParseExact(expireText, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFzzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out expiresAt))
            {
                return (null, PayReply.ParameterError("/time_expire", "time_expire must be RFC 3339, e.g. 2018-06-08T10:34:56+08:00"));
            }

            // WeChat moves an expiry earlier than one minute from now to one minute from now.
            if (expiresAt < now.AddMinutes(1))
            {
                expiresAt = now.AddMinutes(1);
            }
        }

        var fingerprint = new StringBuilder()
            .Append(tradeType).Append('|').Append(appId).Append('|').Append(description).Append('|').Append(total)
            .Append('|').Append(payerOpenId).Append('|').Append(notifyUrl).ToString();
        return (new PayOrder
        {
            AppId = appId,
            MerchantId = merchantId,
            OutTradeNumber = outTradeNumber,
            Description = description,
            TotalFen = total,
            PayerOpenId = payerOpenId,
            NotifyUrl = notifyUrl,
            Attach = Text(root, "attach"),
            TradeType = tradeType,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            Fingerprint = fingerprint,
            PrepayId = string.Empty,
        }, null);
    }

    private static (PayOrder?, PayReply?) Missing(string field) =>
        (null, PayReply.Error(400, "PARAM_ERROR", $"缺少参数 {field}", new { field = "/" + field, location = "body", issue = "required field is missing" }));
}
