using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Operations;

public sealed class HealthTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Liveness_and_readiness_answer_healthy(string path)
    {
        using var client = app.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync(path));
    }

    [Fact]
    public async Task An_unknown_route_is_a_problem_not_an_empty_404()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/nothing-here");

        await response.ProblemAsync(System.Net.HttpStatusCode.NotFound);
    }
}
