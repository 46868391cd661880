using Microsoft.Extensions.Options;

namespace WxMall.Compliance;

public static class ComplianceModule
{
    public static WebApplicationBuilder AddCompliance(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PersonalDataOptions>(builder.Configuration.GetSection(PersonalDataOptions.Section));
        builder.Services.AddSingleton(sp => PersonalDataProtector.FromOptions(
            sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        return builder;
    }
}
