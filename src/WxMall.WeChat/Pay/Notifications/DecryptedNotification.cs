namespace WxMall.WeChat.Pay.Notifications;

/// <summary>A verified notification of any type, with its resource decrypted but not interpreted.</summary>
/// <param name="Envelope">The outer notification.</param>
/// <param name="ResourceJson">The decrypted resource as UTF-8 JSON text.</param>
public sealed record DecryptedNotification(PayNotificationEnvelope Envelope, string ResourceJson);
