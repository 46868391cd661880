using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.Pay;

/// <summary>WeChat Pay v3 (api.mch.weixin.qq.com): prepay, query, close, refunds, certificates, trade bill.</summary>
internal static class PayEndpoints
{
    public static void MapPay(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v3/pay/transactions/jsapi", (HttpContext context, CancellationToken cancellationToken) => PrepayAsync(context, "JSAPI"));
        routes.MapPost("/v3/pay/transactions/native", (HttpContext context, CancellationToken cancellationToken) => PrepayAsync(context, "NATIVE"));
        routes.MapPost("/v3/pay/transactions/h5", (HttpContext context, CancellationToken cancellationToken) => PrepayAsync(context, "MWEB"));

        routes.MapGet("/v3/pay/transactions/out-trade-no/{outTradeNumber}", (HttpContext context, string outTradeNumber, PayLedger ledger) =>
            AuthenticatedAsync(context, _ => Query(context, ledger.FindByOutTradeNumber(outTradeNumber))));

        routes.MapGet("/v3/pay/transactions/id/{transactionId}", (HttpContext context, string transactionId, PayLedger ledger) =>
            AuthenticatedAsync(context, _ => Query(context, ledger.FindByTransactionId(transactionId))));

        routes.MapPost("/v3/pay/transactions/out-trade-no/{outTradeNumber}/close", (HttpContext context, string outTradeNumber, PayLedger ledger, EmulatorOptions options) =>
            AuthenticatedAsync(context, body =>
            {
                if (ParseObject(body, out var root) is { } error)
                {
                    return error;
                }

                if (PrepayValidation.Text(root, "mchid") is not { } merchantId)
                {
                    return PayReply.ParameterError("/mchid", "mchid is required");
                }

                if (merchantId != options.Merchant.MerchantId)
                {
                    return PayReply.Error(400, "MCH_NOT_EXISTS", "商户号不存在");
                }

                if (ledger.FindByOutTradeNumber(outTradeNumber) is not { } order)
                {
                    return PayReply.Error(404, "ORDER_NOT_EXIST", "订单不存在");
                }

                return ledger.Close(order) is null ? PayReply.NoContent() : PayReply.Error(400, "ORDERPAID", "订单已支付");
            }));

        routes.MapPost("/v3/refund/domestic/refunds", (HttpContext context, CancellationToken cancellationToken) => AuthenticatedAsync(context, body => Refunds.Create(context, body)));

        routes.MapGet("/v3/refund/domestic/refunds/{outRefundNumber}", (HttpContext context, string outRefundNumber, PayLedger ledger) =>
            AuthenticatedAsync(context, _ => ledger.FindRefund(outRefundNumber) is { } refund
                ? PayReply.Json(200, PayJsonShapes.Refund(refund))
                : PayReply.Error(404, "RESOURCE_NOT_EXISTS", "退款单不存在")));

        routes.MapGet("/v3/certificates", (HttpContext context, EmulatorKeys keys, EmulatorOptions options) =>
            AuthenticatedAsync(context, _ =>
            {
                using var cipher = AeadAes256GcmCipher.FromApiV3Key(options.Merchant.ApiV3Key);
                var nonce = OpenIdentifiers.Random(12);
                return PayReply.Json(200, new
                {
                    data = new[]
                    {
                        new
                        {
                            serial_no = keys.PlatformCertificateSerial,
                            effective_time = PayJsonShapes.Time(keys.CertificateNotBefore),
                            expire_time = PayJsonShapes.Time(keys.CertificateNotAfter),
                            encrypt_certificate = new
                            {
                                algorithm = AeadAes256GcmCipher.AlgorithmName,
                                nonce,
                                associated_data = "certificate",
                                ciphertext = cipher.Encrypt(nonce, "certificate", keys.PlatformCertificatePem),
                            },
                        },
                    },
                });
            }));

        routes.MapGet("/v3/bill/tradebill", (HttpContext context, PayLedger ledger) =>
            AuthenticatedAsync(context, _ => Bills.Describe(context, ledger)));

        routes.MapGet("/v3/billdownload/file", (HttpContext context, PayLedger ledger) =>
            AuthenticatedAsync(context, _ => Bills.Download(context, ledger)));
    }

    /// <summary>Verifies the merchant's signature over the raw body, then runs the handler.</summary>
    internal static async Task<IResult> AuthenticatedAsync(HttpContext context, Func<byte[], IResult> handle)
    {
        var services = context.RequestServices;
        var body = await JsonBody.ReadBytesAsync(context.Request);
        var refusal = MerchantAuthentication.Check(
            context.Request,
            body,
            services.GetRequiredService<EmulatorKeys>(),
            services.GetRequiredService<EmulatorOptions>(),
            services.GetRequiredService<TimeProvider>());
        return refusal ?? handle(body);
    }

    internal static PayReply? ParseObject(byte[] body, out JsonElement root)
    {
        root = default;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            return PayReply.Error(400, "PARAM_ERROR", "请求体不是合法的JSON：" + exception.Message);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return PayReply.Error(400, "PARAM_ERROR", "请求体必须是JSON对象");
        }

        return PrepayValidation.FindNull(root, string.Empty);
    }

    private static Task<IResult> PrepayAsync(HttpContext context, string tradeType) =>
        AuthenticatedAsync(context, body =>
        {
            if (ParseObject(body, out var root) is { } error)
            {
                return error;
            }

            var services = context.RequestServices;
            var (candidate, invalid) = PrepayValidation.Read(
                root,
                tradeType,
                services.GetRequiredService<EmulatorOptions>(),
                services.GetRequiredService<AppRegistry>(),
                services.GetRequiredService<UserDirectory>(),
                services.GetRequiredService<TimeProvider>().GetUtcNow());
            if (invalid is not null)
            {
                return invalid;
            }

            var (order, code) = services.GetRequiredService<PayLedger>().Place(candidate!);
            if (order is null)
            {
                return code switch
                {
                    "ORDER_CLOSED" => PayReply.Error(400, "ORDER_CLOSED", "订单已关闭"),
                    "ORDERPAID" => PayReply.Error(400, "ORDERPAID", "该订单已支付"),
                    _ => PayReply.Error(403, "OUT_TRADE_NO_USED", "商户订单号重复"),
                };
            }

            return tradeType switch
            {
                "JSAPI" => PayReply.Json(200, new { prepay_id = order.PrepayId }),
                "NATIVE" => PayReply.Json(200, new { code_url = order.CodeUrl }),
                _ => PayReply.Json(200, new
                {
                    h5_url = $"{context.Request.Scheme}://{context.Request.Host}/h5pay/checkmweb?prepay_id={order.PrepayId}&package={RandomNumberGenerator.GetInt32(1_000_000_000)}",
                }),
            };
        });

    private static PayReply Query(HttpContext context, PayOrder? order)
    {
        var merchantId = context.Request.Query["mchid"].ToString();
        if (merchantId.Length == 0)
        {
            return PayReply.Error(400, "PARAM_ERROR", "缺少参数 mchid", new { field = "mchid", location = "query", issue = "required" });
        }

        return order is null || order.MerchantId != merchantId
            ? PayReply.Error(404, "ORDER_NOT_EXIST", "订单不存在")
            : PayReply.Json(200, PayJsonShapes.Transaction(order));
    }

    private static class Bills
    {
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "WeChat Pay publishes the bill digest as SHA1.")]
        public static PayReply Describe(HttpContext context, PayLedger ledger)
        {
            var date = context.Request.Query["bill_date"].ToString();
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            {
                return PayReply.ParameterError("bill_date", "bill_date must be yyyy-MM-dd");
            }

            var content = Render(ledger, date);
            var hash = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(content)));
            return PayReply.Json(200, new
            {
                hash_type = "SHA1",
                hash_value = hash,
                download_url = $"{context.Request.Scheme}://{context.Request.Host}/v3/billdownload/file?token={Uri.EscapeDataString(date)}",
            });
        }

        // The download is not signed by WeChat Pay: the merchant checks the SHA1 instead.
        public static IResult Download(HttpContext context, PayLedger ledger) =>
            Results.Text(Render(ledger, context.Request.Query["token"].ToString()), "text/plain; charset=utf-8");

        /// <summary>
        /// The ALL trade bill: one row per payment that succeeded that day and one per refund that succeeded that day,
        /// every field prefixed with a backtick as WeChat does, then the summary header and its totals.
        /// </summary>
        private static string Render(PayLedger ledger, string date)
        {
            var builder = new StringBuilder(
                "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额," +
                "微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\n");
            var paid = ledger.Orders().Where(order => order.SucceededAt is { } at && OnDate(at, date)).ToList();
            var refunds = ledger.Refunds().Where(refund => refund.Status == "SUCCESS" && refund.SucceededAt is { } at && OnDate(at, date)).ToList();
            foreach (var order in paid)
            {
                Row(builder, order.SucceededAt!.Value, order, order.TotalFen, refund: null);
            }

            foreach (var refund in refunds)
            {
                Row(builder, refund.SucceededAt!.Value, refund.Order, 0, refund);
            }

            var paidFen = paid.Sum(order => order.TotalFen);
            var refundFen = refunds.Sum(refund => refund.RefundFen);
            builder.Append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n")
                .Append('`').Append(paid.Count + refunds.Count).Append(",`").Append(Yuan(paidFen)).Append(",`").Append(Yuan(refundFen))
                .Append(",`0.00,`0.00,`").Append(Yuan(paidFen)).Append(",`").Append(Yuan(refundFen)).Append('\n');
            return builder.ToString();
        }

        private static void Row(StringBuilder builder, DateTimeOffset at, PayOrder order, long settledFen, PayRefund? refund)
        {
            string[] fields =
            [
                at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                order.AppId, order.MerchantId, "0", "", order.TransactionId ?? "", order.OutTradeNumber, order.PaidByOpenId ?? "",
                order.TradeType, refund is null ? "SUCCESS" : "REFUND", "OTHERS", "CNY", Yuan(settledFen), "0.00",
                refund?.RefundId ?? "0", refund?.OutRefundNumber ?? "0", Yuan(refund?.RefundFen ?? 0), "0.00",
                refund is null ? "" : "ORIGINAL", refund is null ? "" : "SUCCESS", order.Description, order.Attach ?? "", "0.00", "0.60%",
                Yuan(refund is null ? order.TotalFen : 0), Yuan(refund?.RefundFen ?? 0), "",
            ];
            builder.AppendJoin(',', fields.Select(field => "`" + field.Replace(",", "，", StringComparison.Ordinal))).Append('\n');
        }

        private static bool OnDate(DateTimeOffset at, string date) => PayJsonShapes.Time(at).StartsWith(date, StringComparison.Ordinal);

        private static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
    }
}
