using WxMall.WeChat.Pay.Transactions;

namespace WxMall.WeChat.Pay.Notifications;

/// <summary>A verified, decrypted payment notification (<c>TRANSACTION.SUCCESS</c>).</summary>
/// <param name="Envelope">The outer notification.</param>
/// <param name="Transaction">The decrypted transaction.</param>
public sealed record PaymentNotification(PayNotificationEnvelope Envelope, NotifiedTransaction Transaction);

/// <summary>The transaction decrypted from a payment notification: the same object the order queries return.</summary>
public sealed record NotifiedTransaction : TransactionDetails;
