using WxMall.WeChat.Pay.Crypto;

namespace WxMall.WeChat.Pay.Client;

/// <summary>One HTTP exchange as read off the wire, before anything in it is trusted.</summary>
internal sealed record PayRawResponse(int HttpStatus, byte[] Body, PaySignatureHeaders Signature, string? RequestId)
{
    public bool IsSuccessStatus => HttpStatus is >= 200 and < 300;
}
