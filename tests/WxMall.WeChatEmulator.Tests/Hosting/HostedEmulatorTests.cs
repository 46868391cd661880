using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WxMall.WeChat;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChat.Pay;
using WxMall.WeChat.Pay.Client;
using WxMall.WeChat.Pay.Transactions;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.Tests.Hosting;

public sealed class HostedEmulatorTests
{
    [Fact]
    public async Task A_store_hosts_the_emulator_on_its_own_port_and_its_clients_work_with_the_shared_credentials()
    {
        var folder = Directory.CreateTempSubdirectory("wxemu-");
        try
        {
            var options = new EmulatorOptions { Urls = "http://127.0.0.1:5187", DataDirectory = folder.FullName };
            var sandbox = EmulatorCredentials.LoadOrCreate(options);
            Assert.True(File.Exists(Path.Combine(folder.FullName, "merchant", "apiclient_key.pem")));

            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddHostedWeChatEmulator(sandbox);
            builder.Services.AddWeChatOfficialAccount(sandbox.ConfigureOfficialAccount);
            builder.Services.AddWeChatPay(pay =>
            {
                sandbox.ConfigurePay(pay);
                pay.NotifyUrl = new Uri("http://localhost:5000/payments/notify");
            });
            using var host = builder.Build();
            await host.StartAsync();

            var token = await host.Services.GetRequiredService<OfficialAccountClient>().GetStableAccessTokenAsync(new StableAccessTokenRequest { AppId = options.OfficialAccount.AppId, AppSecret = options.OfficialAccount.AppSecret });
            Assert.True(token.Succeeded, token.ToString());
            var user = host.Services.GetRequiredService<HostedEmulator>().Running!.Users.All()[0];
            var prepay = await host.Services.GetRequiredService<WeChatPayClient>().CreateJsapiTransactionAsync(new CreateJsapiTransactionRequest
            {
                Description = "主机",
                OutTradeNumber = "PC" + Guid.NewGuid().ToString("N")[..12],
                Amount = new PrepayAmount { TotalFen = 899_900 },
                Payer = new PrepayPayer { OpenId = user.OfficialAccountOpenId },
            });
            Assert.True(prepay.IsSuccess, prepay.Error?.ToString());
            await host.StopAsync();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
