using WxMall.Ordering;

namespace WxMall.Tests.Ordering;

public sealed class OrderStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static Order NewOrder(long payable = 10_000) =>
        new() { Number = "WX20261126180000123456", PayableFen = payable, PlacedAt = Now, PaymentDeadline = Now.AddMinutes(30) };

    [Fact]
    public void The_happy_path_runs_from_awaiting_payment_to_completed()
    {
        var order = NewOrder();

        Assert.True(order.MarkPaid("4200001", 10_000, Now).Applied);
        Assert.True(order.Ship("顺丰速运", "SF100", Now).Applied);
        Assert.True(order.Complete(Now).Applied);
        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Equal(3, order.Version);
    }

    [Fact]
    public void A_payment_of_another_amount_is_refused()
    {
        var order = NewOrder();

        var change = order.MarkPaid("4200001", 9_999, Now);

        Assert.False(change.Applied);
        Assert.Contains("不一致", change.Refusal, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
    }

    [Fact]
    public void A_cancelled_order_can_be_neither_paid_nor_shipped()
    {
        var order = NewOrder();
        order.Cancel("买家取消", Now);

        Assert.False(order.MarkPaid("4200001", 10_000, Now).Applied);
        Assert.False(order.Ship("顺丰速运", "SF100", Now).Applied);
        Assert.False(order.Cancel("again", Now).Applied);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void Unpaid_orders_cannot_ship_and_paid_orders_cannot_be_cancelled()
    {
        var unpaid = NewOrder();
        var paid = NewOrder();
        paid.MarkPaid("4200001", 10_000, Now);

        Assert.False(unpaid.Ship("顺丰速运", "SF100", Now).Applied);
        Assert.False(paid.Cancel("买家取消", Now).Applied);
    }

    [Fact]
    public void A_return_goes_through_refunding_to_refunded_and_cannot_refund_more_than_was_paid()
    {
        var order = NewOrder();
        order.MarkPaid("4200001", 10_000, Now);

        Assert.True(order.RequestReturn("屏幕有坏点").Applied);
        Assert.False(order.BeginRefund(10_001).Applied);
        Assert.True(order.BeginRefund(10_000).Applied);
        Assert.Equal(OrderStatus.Refunding, order.Status);
        Assert.False(order.BeginRefund(1).Applied);
        Assert.True(order.CompleteRefund(10_000).Applied);
        Assert.Equal((OrderStatus.Refunded, 10_000L, 0L), (order.Status, order.RefundedFen, order.RefundPendingFen));
        Assert.False(order.RequestReturn("again").Applied);
    }

    [Fact]
    public void Partial_refunds_leave_the_order_where_it_is_until_everything_is_refunded()
    {
        var order = NewOrder();
        order.MarkPaid("4200001", 10_000, Now);
        order.Ship("顺丰速运", "SF100", Now);

        Assert.True(order.BeginRefund(3_000).Applied);
        Assert.True(order.CompleteRefund(3_000).Applied);
        Assert.Equal((OrderStatus.Shipped, 7_000L), (order.Status, order.RefundableFen));
        Assert.True(order.BeginRefund(7_000).Applied);
        Assert.True(order.CompleteRefund(7_000).Applied);
        Assert.Equal(OrderStatus.Refunded, order.Status);
    }

    [Fact]
    public void A_failed_full_refund_puts_the_order_back_and_the_money_can_be_refunded_again()
    {
        var order = NewOrder();
        order.MarkPaid("4200001", 10_000, Now);
        order.Ship("顺丰速运", "SF100", Now);
        order.RequestReturn("不想要了");
        order.BeginRefund(10_000);

        Assert.False(order.FailRefund(10_001).Applied);
        Assert.True(order.FailRefund(10_000).Applied);
        Assert.Equal((OrderStatus.Shipped, 10_000L), (order.Status, order.RefundableFen));
    }

    [Fact]
    public void A_rejected_return_request_goes_back_to_the_previous_state()
    {
        var order = NewOrder();
        order.MarkPaid("4200001", 10_000, Now);
        order.Ship("顺丰速运", "SF100", Now);
        order.Complete(Now);
        order.RequestReturn("不想要了");

        Assert.True(order.RejectReturn("已超过七天无理由退货期限").Applied);
        Assert.Equal((OrderStatus.Completed, "已超过七天无理由退货期限"), (order.Status, order.ReturnRejection));
        Assert.False(order.RejectReturn("再次拒绝").Applied);

        // A new request clears the old answer.
        Assert.True(order.RequestReturn("屏幕有坏点").Applied);
        Assert.Null(order.ReturnRejection);
    }

    [Fact]
    public void Unpaid_and_cancelled_orders_cannot_be_refunded()
    {
        var unpaid = NewOrder();
        var cancelled = NewOrder();
        cancelled.Cancel("买家取消", Now);

        Assert.False(unpaid.BeginRefund(1).Applied);
        Assert.False(cancelled.BeginRefund(1).Applied);
    }

    [Fact]
    public void Order_numbers_are_valid_out_trade_numbers()
    {
        var numbers = Enumerable.Range(0, 1000).Select(_ => OrderNumbers.Next(Now)).ToList();

        Assert.All(numbers, number => Assert.True(OrderNumbers.IsValid(number), number));
        Assert.All(numbers, number => Assert.StartsWith("WX20261126180000", number, StringComparison.Ordinal));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());

        // Room for the suffix of a later payment attempt or refund ("P12", "R3") within out_trade_no's 32 characters.
        Assert.All(numbers, number => Assert.True(OrderNumbers.IsValid(number + "P12"), number));
    }

    [Fact]
    public void Order_numbers_never_repeat_within_one_second_even_at_a_flash_sale_rate()
    {
        // 200,000 orders in the same second: 8 random digits would repeat about 200 times here.
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        Parallel.For(0, 200_000, _ =>
        {
            var number = OrderNumbers.Next(Now);
            lock (numbers)
            {
                Assert.True(numbers.Add(number), $"{number} was handed out twice");
            }
        });

        // Consecutive numbers do not count up: the sequence is scrambled, so they do not reveal the store's volume.
        var first = OrderNumbers.Next(Now);
        var second = OrderNumbers.Next(Now);
        Assert.NotEqual(long.Parse(first[^8..], System.Globalization.CultureInfo.InvariantCulture) + 1,
            long.Parse(second[^8..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
