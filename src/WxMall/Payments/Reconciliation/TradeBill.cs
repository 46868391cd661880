using System.Globalization;

namespace WxMall.Payments.Reconciliation;

public sealed record BillPayment(string OutTradeNumber, string TransactionId, string AppId, string MerchantId, long AmountFen);

public sealed record BillRefund(string OutRefundNumber, string OutTradeNumber, string RefundId, long AmountFen);

/// <summary>
/// Reads WeChat Pay's trade bill (type ALL): a header row, one row per payment (交易状态 SUCCESS) and per refund
/// (REFUND), every field prefixed with a backtick, then a summary. Columns are found by their header names, so an
/// added column does not shift the others. Amounts are yuan with two decimals, turned into fen without floating point.
/// </summary>
public sealed class TradeBill
{
    public List<BillPayment> Payments { get; } = [];

    public List<BillRefund> Refunds { get; } = [];

    public static TradeBill Parse(string text)
    {
        var bill = new TradeBill();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return bill;
        }

        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var index and >= 0
            ? index
            : throw new FormatException($"The trade bill has no '{name}' column.");
        var state = Column("交易状态");
        var outTradeNumber = Column("商户订单号");
        var transactionId = Column("微信订单号");
        var appId = Column("公众账号ID");
        var merchantId = Column("商户号");
        var settled = Column("应结订单金额");
        var outRefundNumber = Column("商户退款单号");
        var refundId = Column("微信退款单号");
        var refundAmount = Column("退款金额");
        foreach (var line in lines.Skip(1))
        {
            if (!line.StartsWith('`'))
            {
                break; // the summary header: the detail rows are over
            }

            var fields = line.Split(',').Select(field => field.TrimStart('`')).ToArray();
            if (fields.Length < header.Length)
            {
                throw new FormatException($"A trade bill row has {fields.Length} fields; the header has {header.Length}.");
            }

            switch (fields[state])
            {
                case "SUCCESS":
                    bill.Payments.Add(new BillPayment(fields[outTradeNumber], fields[transactionId], fields[appId], fields[merchantId], Fen(fields[settled])));
                    break;
                case "REFUND":
                    bill.Refunds.Add(new BillRefund(fields[outRefundNumber], fields[outTradeNumber], fields[refundId], Fen(fields[refundAmount])));
                    break;
            }
        }

        return bill;
    }

    /// <summary>"1234.50" → 123450.</summary>
    public static long Fen(string yuan) =>
        decimal.TryParse(yuan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && decimal.Round(value, 2) == value
            ? (long)(value * 100)
            : throw new FormatException($"'{yuan}' is not an amount in yuan with at most two decimals.");
}
