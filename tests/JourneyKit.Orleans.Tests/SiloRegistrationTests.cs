using JourneyKit.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace JourneyKit.Orleans.Tests;

/// <summary>The silo's AddJourneyKit follows the options pattern as the host's does: calls compose, the result is validated at start.</summary>
public sealed class SiloRegistrationTests
{
    private static readonly JourneyRule Support = JourneyRule.Named("support").When("support");

    private static IHost Silo(Action<ISiloBuilder> configure) =>
        Host.CreateApplicationBuilder().UseOrleans(silo => configure(silo.UseLocalhostClustering())).Build();

    [Theory]
    [InlineData(nameof(JourneyKitOrleansOptions.AdvanceWriteDelay))]
    [InlineData(nameof(JourneyKitOrleansOptions.FlushInterval))]
    [InlineData(nameof(JourneyKitOrleansOptions.Shards))]
    [InlineData(nameof(JourneyKitOrleansOptions.RecentEvents))]
    public void AddJourneyKit_ALimitOutOfRange_FailsValidation_NamingIt(string option)
    {
        using var host = Silo(silo => silo.AddJourneyKit(o =>
        {
            o.Rules.Add(Support);
            switch (option)
            {
                case nameof(o.AdvanceWriteDelay): o.AdvanceWriteDelay = TimeSpan.Zero; break;
                case nameof(o.FlushInterval): o.FlushInterval = TimeSpan.FromSeconds(-1); break;
                case nameof(o.Shards): o.Shards = 0; break;
                default: o.RecentEvents = -1; break;
            }
        }));
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<JourneyKitOrleansOptions>>().Value);
        Assert.Equal($"JourneyKitOrleansOptions.{option}", Assert.Single(error.Failures).Split(':')[0]);
    }

    [Fact]
    public async Task AddJourneyKit_NoRule_StopsTheSiloAtStartUp()
    {
        using var host = Silo(silo => silo.AddJourneyKit(_ => { }));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("JourneyKitOrleansOptions.Rules: is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddJourneyKit_ReportsEveryProblemAtOnce()
    {
        using var host = Silo(silo => silo.AddJourneyKit(o => (o.Shards, o.RecentEvents) = (0, -1)));
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<JourneyKitOrleansOptions>>().Value);
        Assert.Equal(["JourneyKitOrleansOptions.Shards", "JourneyKitOrleansOptions.Rules", "JourneyKitOrleansOptions.RecentEvents"], error.Failures.Select(f => f.Split(':')[0]));
    }

    [Fact]
    public void AddJourneyKit_Calls_AndConfigure_Compose_InOrder()
    {
        var second = JourneyRule.Named("cart").When("add_to_cart").NotFollowedBy("purchase", TimeSpan.FromHours(1));
        using var host = Silo(silo =>
        {
            silo.AddJourneyKit(o => o.Rules.Add(Support));
            silo.AddJourneyKit(o => { o.Rules.Add(second); o.Shards = 8; });
            silo.Services.Configure<JourneyKitOrleansOptions>(o => o.Shards *= 2);
        });
        var options = host.Services.GetRequiredService<IOptions<JourneyKitOrleansOptions>>().Value;
        Assert.Equal(["support", "cart"], options.Rules.Select(r => r.Name));
        Assert.Equal(16, options.Shards);
    }

    [Fact]
    public void AddJourneyKit_RulesThatDoNotFitTogether_FailValidation_NamingTheRule()
    {
        using var host = Silo(silo => silo.AddJourneyKit(o => { o.Rules.Add(Support); o.Rules.Add(Support); }));
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<JourneyKitOrleansOptions>>().Value);
        Assert.Contains("Rule 'support'", Assert.Single(error.Failures), StringComparison.Ordinal);
    }
}
