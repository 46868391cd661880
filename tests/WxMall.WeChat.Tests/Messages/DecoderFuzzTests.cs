using System.Text;
using CsCheck;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Messages;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Messages;

/// <summary>Random input never throws and never passes: every outcome is a typed failure.</summary>
public sealed class DecoderFuzzTests
{
    private static readonly Gen<string> XmlLikeText =
        Gen.OneOf(
            Gen.String,
            Gen.Char["<>/![]CDATxml =\"'&;?-MsgTypeContent0123456789"].Array[0, 200].Select(characters => new string(characters)),
            Gen.OneOf("<xml>", "</xml>", "<MsgType>", "</MsgType>", "<![CDATA[", "]]>", "<!DOCTYPE x [", "&a;", "<CreateTime>1</CreateTime>", "text", "event")
                .Array[0, 20].Select(parts => string.Concat(parts)));

    [Fact]
    public void Xml_parser_never_throws_on_random_bytes()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            var result = InboundMessageParser.Parse(bytes);
            Assert.True(result.Succeeded || result.Failure != MessageParseFailure.None);
        }, iter: 3000);
    }

    [Fact]
    public void Xml_parser_never_throws_on_xml_like_text()
    {
        XmlLikeText.Sample(text =>
        {
            var result = InboundMessageParser.Parse(text);
            if (!result.Succeeded)
            {
                Assert.NotEqual(MessageParseFailure.None, result.Failure);
            }
        }, iter: 3000);
    }

    [Fact]
    public void Safe_mode_decoder_never_throws_or_accepts_random_ciphertext()
    {
        var cryptor = MessageCryptor.Create("QDG6eK", "wx5823bf96d3bd56c7", PublishedVectors.Text("msgcrypt_tencent_sample_decrypt", "encoding_aes_key"));
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var encrypt = Convert.ToBase64String(bytes);
            var result = cryptor.DecryptVerified(encrypt);
            Assert.False(result.Succeeded);
            Assert.NotEqual(MessageCryptoFailure.None, result.Failure);
        }, iter: 3000);
    }

    [Fact]
    public void Safe_mode_decoder_never_throws_on_random_text_even_when_signed()
    {
        var cryptor = MessageCryptor.Create("QDG6eK", "wx5823bf96d3bd56c7", PublishedVectors.Text("msgcrypt_tencent_sample_decrypt", "encoding_aes_key"));
        Gen.String.Sample(encrypt =>
        {
            var signature = WeChatSignature.ComputeMessageSignature("QDG6eK", "1", "2", encrypt);
            var result = cryptor.Decrypt(signature, "1", "2", encrypt);
            Assert.False(result.Succeeded);
        }, iter: 3000);
    }

    [Fact]
    public void Mini_program_decryptor_never_throws_on_random_input()
    {
        Gen.Select(Gen.Byte.Array[0, 20], Gen.Byte.Array[0, 20], Gen.Byte.Array[0, 100]).Sample((key, iv, data) =>
        {
            var result = MiniProgramDataDecryptor.Decrypt(Convert.ToBase64String(key), Convert.ToBase64String(iv), Convert.ToBase64String(data), "wx4f4bc4dec97d474b");
            Assert.False(result.Succeeded);
        }, iter: 2000);
    }

    [Fact]
    public void Round_trip_holds_for_random_messages()
    {
        var cryptor = MessageCryptor.Create("QDG6eK", "wx5823bf96d3bd56c7", PublishedVectors.Text("msgcrypt_tencent_sample_decrypt", "encoding_aes_key"));
        Gen.String.Sample(text =>
        {
            var valid = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
            var sealedMessage = cryptor.Encrypt(valid, "1", "2");
            Assert.Equal(valid, cryptor.Decrypt(sealedMessage.MessageSignature, "1", "2", sealedMessage.Encrypt).Plaintext);
        }, iter: 500);
    }
}
