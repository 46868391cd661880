using WxMall.Data;

namespace WxMall.Tests.Data;

/// <summary>The SQLite write gate: one writer at a time, requests before background work, background never starved.</summary>
public sealed class WriteGateTests
{
    [Fact]
    public async Task One_writer_at_a_time_and_a_waiting_request_goes_before_background_work_that_queued_earlier()
    {
        var gate = new SingleWriterGate();
        var order = new List<string>();
        var first = await gate.EnterAsync(WritePriority.Request, CancellationToken.None);

        var background = Record(gate, WritePriority.Background, "background", order);
        var request = Record(gate, WritePriority.Request, "request", order);
        await Task.Delay(20);
        Assert.Empty(order);

        await first.DisposeAsync();
        await Task.WhenAll(background, request);

        Assert.Equal(["request", "background"], order);
    }

    [Fact]
    public async Task Background_work_that_has_waited_long_enough_gets_the_next_turn_even_with_requests_queued()
    {
        var gate = new SingleWriterGate();
        var order = new List<string>();
        var first = await gate.EnterAsync(WritePriority.Request, CancellationToken.None);

        var background = Record(gate, WritePriority.Background, "background", order);
        await Task.Delay(SingleWriterGate.BackgroundTurnAfter + TimeSpan.FromMilliseconds(50));
        var request = Record(gate, WritePriority.Request, "request", order);

        await first.DisposeAsync();
        await Task.WhenAll(background, request);

        Assert.Equal(["background", "request"], order);
    }

    [Fact]
    public async Task A_cancelled_waiter_gives_up_its_place_and_releasing_twice_frees_the_gate_once()
    {
        var gate = new SingleWriterGate();
        var first = await gate.EnterAsync(WritePriority.Request, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(WritePriority.Request, cancel.Token).AsTask();
        var next = gate.EnterAsync(WritePriority.Background, CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await first.DisposeAsync();
        await first.DisposeAsync();
        var pass = await next.WaitAsync(TimeSpan.FromSeconds(5));

        // The second release of the first pass must not have opened the gate beside the holder of the next pass.
        var third = gate.EnterAsync(WritePriority.Request, CancellationToken.None).AsTask();
        await Task.Delay(20);
        Assert.False(third.IsCompleted);
        await pass.DisposeAsync();
        await (await third.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
    }

    private static async Task Record(SingleWriterGate gate, WritePriority priority, string name, List<string> order)
    {
        await using var pass = await gate.EnterAsync(priority, CancellationToken.None);
        lock (order)
        {
            order.Add(name);
        }
    }
}
