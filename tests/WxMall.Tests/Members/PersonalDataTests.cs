using System.Security.Cryptography;
using WxMall.Compliance;

namespace WxMall.Tests.Members;

public sealed class PersonalDataTests
{
    private readonly PersonalDataProtector protector = new(Convert.FromBase64String(Infrastructure.MallAppFactory.PersonalDataKey));

    [Fact]
    public void Encryption_round_trips_and_never_repeats_a_ciphertext()
    {
        var first = protector.Encrypt("北京市海淀区中关村大街 27 号");
        var second = protector.Encrypt("北京市海淀区中关村大街 27 号");

        Assert.NotEqual(first, second);
        Assert.Equal("北京市海淀区中关村大街 27 号", protector.Decrypt(first));
    }

    [Fact]
    public void A_tampered_ciphertext_is_detected()
    {
        var cipher = protector.Encrypt("13812341234").ToCharArray();
        cipher[10] = cipher[10] == 'A' ? 'B' : 'A';

        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(new string(cipher)));
    }

    [Fact]
    public void Lookups_are_stable_keyed_and_hide_the_value()
    {
        var other = new PersonalDataProtector(RandomNumberGenerator.GetBytes(32));

        Assert.Equal(protector.Lookup("13812341234"), protector.Lookup("13812341234 "));
        Assert.NotEqual(protector.Lookup("13812341234"), other.Lookup("13812341234"));
        Assert.DoesNotContain("1234", protector.Lookup("13812341234"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_the_wrong_size_is_refused_with_a_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => new PersonalDataProtector(new byte[16]));
        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13812341234", "138****1234")]
    [InlineData("", "")]
    [InlineData("12345", "****")]
    public void Phones_are_masked_like_138_star_1234(string phone, string masked) => Assert.Equal(masked, Mask.Phone(phone));

    [Fact]
    public void Names_and_addresses_keep_only_their_beginning()
    {
        Assert.Equal("张**", Mask.Name("张三丰"));
        Assert.Equal("中关村大****", Mask.Address("中关村大街 27 号"));
    }
}
