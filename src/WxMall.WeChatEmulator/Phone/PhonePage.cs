namespace WxMall.WeChatEmulator.Phone;

internal static class PhonePage
{
    public const string Html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>微信模拟器</title></head><body><h1>微信模拟器</h1></body></html>";
}
