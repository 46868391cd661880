using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.WeChat.Pay.Bills;
using WxMall.WeChat.Pay.Refunds;
using WxMall.Storefront;

namespace WxMall.Payments.Reconciliation;

/// <summary>
/// Compares one day's trade bill with our books, both ways. Differences a query can settle — a payment or refund
/// WeChat made whose notification never reached us — are repaired on the spot (through the same code as the
/// notification) and marked so; everything else waits for a person. Each run is kept, so a day can be re-run.
/// </summary>
public sealed class ReconcileDay(
    MallDb db, PayGateway gateway, CheckPayment checkPayment, FinishRefund finishRefund, IWriteGate writeGate, TimeProvider clock, ILogger<ReconcileDay> logger)
{

    public async Task<ReconciliationRun> HandleAsync(DateOnly billDate, string startedBy, CancellationToken cancellationToken)
    {
        var run = new ReconciliationRun { BillDate = billDate, StartedBy = startedBy, StartedAt = clock.GetUtcNow() };
        var bill = await DownloadAsync(billDate, run, cancellationToken);
        if (bill is not null)
        {
            run.BillPayments = bill.Payments.Count;
            run.BillPaidFen = bill.Payments.Sum(p => p.AmountFen);
            run.BillRefunds = bill.Refunds.Count;
            run.BillRefundFen = bill.Refunds.Sum(r => r.AmountFen);
            await ComparePaymentsAsync(bill, billDate, run, cancellationToken);
            await CompareRefundsAsync(bill, billDate, run, cancellationToken);
            run.Status = run.Differences.Count == 0 ? ReconciliationStatus.Clean : ReconciliationStatus.Differences;
        }

        await using (await writeGate.EnterAsync(cancellationToken))
        {
            db.ChangeTracker.Clear();
            db.ReconciliationRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogInformation("Reconciled {BillDate}: {Status}, {Differences} differences", billDate, run.Status, run.Differences.Count);
        return run;
    }

    private async Task<TradeBill?> DownloadAsync(DateOnly billDate, ReconciliationRun run, CancellationToken cancellationToken)
    {
        var described = await gateway.Client.GetTradeBillAsync(new GetTradeBillRequest { BillDate = billDate, BillType = "ALL" }, cancellationToken);
        if (described.Error is { } describeError)
        {
            return Failed(run, $"获取账单失败：{describeError.Code} {describeError.Message}");
        }

        var downloaded = await gateway.Client.DownloadBillAsync(DownloadBillRequest.From(described.Value!), cancellationToken);
        if (downloaded.Error is { } downloadError)
        {
            return Failed(run, $"账单下载或校验失败：{downloadError.Code} {downloadError.Message}");
        }

        try
        {
            return TradeBill.Parse(downloaded.Value!.Text);
        }
        catch (FormatException exception)
        {
            return Failed(run, "账单格式无法识别：" + exception.Message);
        }
    }

    private static TradeBill? Failed(ReconciliationRun run, string reason)
    {
        run.Status = ReconciliationStatus.Failed;
        run.Failure = reason.Length > 500 ? reason[..500] : reason;
        return null;
    }

    private async Task ComparePaymentsAsync(TradeBill bill, DateOnly billDate, ReconciliationRun run, CancellationToken cancellationToken)
    {
        var (from, to) = Day(billDate);
        var numbers = bill.Payments.Select(p => p.OutTradeNumber).ToList();
        var attempts = await db.PaymentAttempts.AsNoTracking()
            .Where(a => numbers.Contains(a.OutTradeNumber) || (a.PaidAt >= from && a.PaidAt < to))
            .ToDictionaryAsync(a => a.OutTradeNumber, cancellationToken);
        foreach (var payment in bill.Payments)
        {
            if (!attempts.TryGetValue(payment.OutTradeNumber, out var attempt))
            {
                Add(run, DifferenceKind.UnknownPayment, payment.OutTradeNumber, null, payment.AmountFen, null, "微信支付收到一笔本店没有创建过的商户订单号的付款，请核实");
            }
            else if (attempt.AmountFen != payment.AmountFen)
            {
                Add(run, DifferenceKind.AmountMismatch, payment.OutTradeNumber, null, payment.AmountFen, attempt.AmountFen, "账单金额与下单金额不一致，请核实");
            }
            else if (attempt.TransactionId is null)
            {
                // The notification was lost: the query applies the payment exactly as the notification would have.
                await checkPayment.HandleAsync(attempt.OrderNumber, force: true, cancellationToken);
                var repaired = await db.PaymentAttempts.AnyAsync(a => a.Id == attempt.Id && a.TransactionId != null, cancellationToken);
                Add(run, DifferenceKind.PaidAtWeChatNotHere, payment.OutTradeNumber, null, payment.AmountFen, null,
                    repaired ? "微信已收款但本店未入账，已通过查单补入账" : "微信已收款但本店未入账，查单未能补入账，请人工处理",
                    repaired ? DifferenceResolution.RepairedByQuery : DifferenceResolution.Open);
            }
        }

        var billed = numbers.ToHashSet();
        foreach (var attempt in attempts.Values.Where(a => a.PaidAt >= from && a.PaidAt < to && !billed.Contains(a.OutTradeNumber)))
        {
            Add(run, DifferenceKind.PaidHereNotAtWeChat, attempt.OutTradeNumber, null, null, attempt.AmountFen, "本店记为已支付，但微信账单中没有这笔付款，请核实");
        }
    }

    private async Task CompareRefundsAsync(TradeBill bill, DateOnly billDate, ReconciliationRun run, CancellationToken cancellationToken)
    {
        var (from, to) = Day(billDate);
        var numbers = bill.Refunds.Select(r => r.OutRefundNumber).ToList();
        var refunds = await db.Refunds.AsNoTracking()
            .Where(r => numbers.Contains(r.OutRefundNumber) || (r.Status == RefundStatus.Succeeded && r.CompletedAt >= from && r.CompletedAt < to))
            .ToDictionaryAsync(r => r.OutRefundNumber, cancellationToken);
        foreach (var billed in bill.Refunds)
        {
            if (!refunds.TryGetValue(billed.OutRefundNumber, out var refund))
            {
                Add(run, DifferenceKind.UnknownRefund, billed.OutTradeNumber, billed.OutRefundNumber, billed.AmountFen, null, "微信退款了一笔本店没有发起过的退款单，请核实");
            }
            else if (refund.AmountFen != billed.AmountFen)
            {
                Add(run, DifferenceKind.RefundAmountMismatch, billed.OutTradeNumber, billed.OutRefundNumber, billed.AmountFen, refund.AmountFen, "退款金额与本店记录不一致，请核实");
            }
            else if (refund.Status != RefundStatus.Succeeded)
            {
                var repaired = await RepairRefundAsync(refund.OutRefundNumber, cancellationToken);
                Add(run, DifferenceKind.RefundNotFinishedHere, billed.OutTradeNumber, billed.OutRefundNumber, billed.AmountFen, refund.AmountFen,
                    repaired ? "微信已退款但本店未完成，已通过查询退款补记" : "微信已退款但本店未完成，查询未能补记，请人工处理",
                    repaired ? DifferenceResolution.RepairedByQuery : DifferenceResolution.Open);
            }
        }

        var inBill = numbers.ToHashSet();
        foreach (var refund in refunds.Values.Where(r => r.Status == RefundStatus.Succeeded && r.CompletedAt >= from && r.CompletedAt < to && !inBill.Contains(r.OutRefundNumber)))
        {
            Add(run, DifferenceKind.RefundMissingAtWeChat, refund.OutTradeNumber, refund.OutRefundNumber, null, refund.AmountFen, "本店记为已退款，但微信账单中没有这笔退款，请核实");
        }
    }

    private async Task<bool> RepairRefundAsync(string outRefundNumber, CancellationToken cancellationToken)
    {
        var queried = await gateway.Client.GetRefundByOutRefundNumberAsync(new GetRefundByOutRefundNumberRequest { OutRefundNumber = outRefundNumber }, cancellationToken);
        if (queried.Value is not { Status: RefundStatuses.Success } refund)
        {
            return false;
        }

        await finishRefund.HandleAsync(outRefundNumber, refund.Status, refund.RefundId, refund.SuccessTime, cancellationToken);
        return true;
    }

    private static void Add(
        ReconciliationRun run, DifferenceKind kind, string? outTradeNumber, string? outRefundNumber, long? wechatFen, long? storeFen, string detail,
        DifferenceResolution resolution = DifferenceResolution.Open) =>
        run.Differences.Add(new ReconciliationDifference
        {
            Kind = kind, OutTradeNumber = outTradeNumber, OutRefundNumber = outRefundNumber, WeChatFen = wechatFen, StoreFen = storeFen,
            Detail = detail, Resolution = resolution,
        });

    /// <summary>The bill day is a China calendar day.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Day(DateOnly billDate)
    {
        var from = new DateTimeOffset(billDate.ToDateTime(TimeOnly.MinValue), Money.ChinaOffset).ToUniversalTime();
        return (from, from.AddDays(1));
    }
}
