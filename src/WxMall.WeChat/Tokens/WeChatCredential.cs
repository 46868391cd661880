using System.ComponentModel;

namespace WxMall.WeChat.Tokens;

/// <summary>A cached access token or jsapi ticket and when it stops working.</summary>
/// <param name="Value">The token or ticket.</param>
/// <param name="ExpiresAt">When WeChat stops accepting it.</param>
[ImmutableObject(true)]
public sealed record WeChatCredential(string Value, DateTimeOffset ExpiresAt);
