namespace WxMall.OfficialAccount;

/// <summary>Settings of the official-account capability (section <c>OfficialAccount</c>).</summary>
public sealed class OfficialAccountOptions
{
    public const string Section = "OfficialAccount";

    /// <summary>
    /// How long a push may wait for its answer before the endpoint answers <c>success</c> and the answer goes out
    /// later through the customer-service API. WeChat gives up after 5 s; this leaves room for the network.
    /// </summary>
    public TimeSpan PassiveReplyBudget { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>When a slow answer still has not gone out after this, the shopper gets an apology and a human agent.</summary>
    public TimeSpan LateAnswerDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a keyword rule's regular expression may run on one message.</summary>
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Maps <c>POST /wechat/message/bare</c>, which reads the body and answers <c>success</c>: the baseline of
    /// bench/message-load.sh. Off in normal operation.
    /// </summary>
    public bool MapBareBenchmarkEndpoint { get; set; }

    /// <summary>Greeting when no follow rule matches.</summary>
    public string DefaultGreeting { get; set; } = "欢迎关注 WxMall 电脑商城！笔记本、台式机、显卡、配件一站购齐。直接发消息问我订单、物流、选购建议，回复“转人工”可联系客服。";

    /// <summary>Template ids (official account) for order news; empty disables that message.</summary>
    public string OrderPaidTemplateId { get; set; } = "order_paid_template";
    public string OrderShippedTemplateId { get; set; } = "order_shipped_template";
    public string OrderRefundedTemplateId { get; set; } = "order_refunded_template";

    /// <summary>Subscribe-message template ids (mini-program) for the same events.</summary>
    public string OrderPaidSubscribeTemplateId { get; set; } = "order_paid_subscribe";
    public string OrderShippedSubscribeTemplateId { get; set; } = "order_shipped_subscribe";
    public string OrderRefundedSubscribeTemplateId { get; set; } = "order_refunded_subscribe";
}
