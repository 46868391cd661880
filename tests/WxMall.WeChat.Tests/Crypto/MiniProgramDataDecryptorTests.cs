using System.Security.Cryptography;
using System.Text;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Crypto;

public sealed class MiniProgramDataDecryptorTests
{
    private const string Vector = "miniprogram_encrypted_data";

    private static MiniProgramDecryptResult DecryptVector(string? appId = null, string? sessionKey = null, string? iv = null, string? data = null) =>
        MiniProgramDataDecryptor.Decrypt(
            sessionKey ?? PublishedVectors.Text(Vector, "session_key"),
            iv ?? PublishedVectors.Text(Vector, "iv"),
            data ?? PublishedVectors.Text(Vector, "encrypted_data"),
            appId ?? PublishedVectors.Text(Vector, "appid"));

    [Fact]
    public void Official_sample_decrypts_and_its_watermark_matches()
    {
        var result = DecryptVector();

        Assert.True(result.Succeeded, result.Failure.ToString());
        Assert.Equal(PublishedVectors.Text(Vector, "plaintext"), result.Json);
        Assert.Equal(1477314187, result.WatermarkTimestamp);
    }

    [Fact]
    public void Watermark_of_another_mini_program_is_rejected()
    {
        Assert.Equal(MiniProgramDecryptFailure.AppIdMismatch, DecryptVector(appId: "wx0000000000000000").Failure);
    }

    [Fact]
    public void Stale_session_key_is_reported_as_bad_padding_or_bad_json()
    {
        var failure = DecryptVector(sessionKey: Convert.ToBase64String(new byte[16])).Failure;

        Assert.Contains(failure, new[] { MiniProgramDecryptFailure.PaddingInvalid, MiniProgramDecryptFailure.JsonInvalid });
    }

    [Theory]
    [InlineData("tiihtNczf5v6AKRyjwEUhQ", null, null, MiniProgramDecryptFailure.SessionKeyInvalid)]
    [InlineData("AAAA", null, null, MiniProgramDecryptFailure.SessionKeyInvalid)]
    [InlineData(null, "r7BXXKkLb8qrSNn0", null, MiniProgramDecryptFailure.InitializationVectorInvalid)]
    [InlineData(null, null, "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W", MiniProgramDecryptFailure.Base64Invalid)]
    [InlineData(null, null, "CiyLU1Aw2Kjv", MiniProgramDecryptFailure.CiphertextLengthInvalid)]
    [InlineData(null, null, "", MiniProgramDecryptFailure.CiphertextLengthInvalid)]
    public void Malformed_inputs_are_rejected_with_a_reason(string? sessionKey, string? iv, string? data, MiniProgramDecryptFailure expected)
    {
        Assert.Equal(expected, DecryptVector(sessionKey: sessionKey, iv: iv, data: data).Failure);
    }

    [Theory]
    [InlineData("[1,2]", MiniProgramDecryptFailure.JsonInvalid)]
    [InlineData("{\"openId\":\"x\"}", MiniProgramDecryptFailure.WatermarkMissing)]
    [InlineData("{\"watermark\":{\"appid\":7}}", MiniProgramDecryptFailure.WatermarkMissing)]
    public void Plaintext_without_a_usable_watermark_is_rejected(string json, MiniProgramDecryptFailure expected)
    {
        var key = Convert.FromBase64String(PublishedVectors.Text(Vector, "session_key"));
        var iv = Convert.FromBase64String(PublishedVectors.Text(Vector, "iv"));
        using var aes = Aes.Create();
        aes.Key = key;
        var data = Convert.ToBase64String(aes.EncryptCbc(Encoding.UTF8.GetBytes(json), iv));

        Assert.Equal(expected, DecryptVector(data: data).Failure);
    }
}
