using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Tests.Pay.Support;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Pay.Crypto;

public sealed class ClientPaymentSignerTests
{
    private const string Vector = "v3_jsapi_paysign";

    [Fact]
    public void Published_vector_v3_jsapi_paysign_message_and_signature_are_reproduced()
    {
        using var key = WeChatPayMerchantKey.FromPem("1900000109", "AB", PublishedPayKeys.SenparcPrivateKeyBase64);
        var appId = PublishedVectors.Text(Vector, "appId");
        var timeStamp = PublishedVectors.Text(Vector, "timeStamp");
        var nonce = PublishedVectors.Text(Vector, "nonceStr");
        var package = PublishedVectors.Text(Vector, "package");

        Assert.Equal(PublishedVectors.Text(Vector, "message"), ClientPaymentSigner.BuildMessage(appId, timeStamp, nonce, package));
        Assert.Equal(PublishedVectors.Text(Vector, "paySign"), ClientPaymentSigner.ComputePaySign(key, appId, timeStamp, nonce, package));
    }

    [Fact]
    public void Full_parameter_set_is_built_from_a_prepay_id_for_bridge_mini_program_and_js_sdk()
    {
        using var key = WeChatPayMerchantKey.FromPem("1900000109", "AB", PublishedPayKeys.SenparcPrivateKeyBase64);
        var now = DateTimeOffset.FromUnixTimeSeconds(1414561699);

        var parameters = ClientPaymentSigner.Create(
            key, "wx8888888888888888", "wx201410272009395522657a690389285100", now, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");

        Assert.Equal("wx8888888888888888", parameters.AppId);
        Assert.Equal("1414561699", parameters.TimeStamp);
        Assert.Equal("prepay_id=wx201410272009395522657a690389285100", parameters.Package);
        Assert.Equal("RSA", parameters.SignType);
        Assert.Equal(PublishedVectors.Text(Vector, "paySign"), parameters.PaySign);
        Assert.Equal(
            """{"appId":"wx8888888888888888","timeStamp":"1414561699","nonceStr":"5K8264ILTKCH16CQ2502SI8ZNMTM67VS","package":"prepay_id=wx201410272009395522657a690389285100","signType":"RSA","paySign":"POmTZCzk7fj+FeSwbU4rNghygFOzwpoaQt9SBW8blDAPZCVJ7wVnDVisx6t1ryyBpB3NmOwiNaT+hHi7YthYZzr0kvL5kWKSnpssyWBofnjqbFWBSV8JaFx7Ia2qnsgdVYALisYjLBr+bj69YXuyWiBxYFx+JylH6wW4w55Rziatoa4rwrdlrpgE2yRTxDu9wSZ4VCdUYSMj2ctyAy2fOiCcP00VGjihJWGCXXjeVm2YQyFZXB7KqGPhncdHaFmJzIvL8SbWKSc36cUKSuHhZ5n+oZVU8Vf+lb/eJibzTWxBIAJbtQplKojG48ukd7QFtRUd3b2EkOjzmeJ26zMlfA=="}""",
            System.Text.Json.JsonSerializer.Serialize(parameters, WxMall.WeChat.Pay.Client.PayJson.Options));
        var chooseWxPay = parameters.ForChooseWxPay();
        Assert.Equal("1414561699", chooseWxPay["timestamp"]);
        Assert.False(chooseWxPay.ContainsKey("timeStamp"));
        Assert.False(chooseWxPay.ContainsKey("appId"));
    }
}
