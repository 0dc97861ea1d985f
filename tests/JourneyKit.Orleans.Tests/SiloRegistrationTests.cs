using JourneyKit.Rules;
using Microsoft.Extensions.Hosting;

namespace JourneyKit.Orleans.Tests;

public sealed class SiloRegistrationTests
{
    private static readonly JourneyRule Support = JourneyRule.Named("support").When("support");

    [Theory]
    [InlineData(nameof(JourneyKitOrleansOptions.AdvanceWriteDelay))]
    [InlineData(nameof(JourneyKitOrleansOptions.FlushInterval))]
    [InlineData(nameof(JourneyKitOrleansOptions.Shards))]
    [InlineData(nameof(JourneyKitOrleansOptions.RecentEvents))]
    public void AddJourneyKit_ALimitOutOfRange_FailsAtStartUp_NamingIt(string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Host.CreateApplicationBuilder().UseOrleans(silo => silo.AddJourneyKit(o =>
        {
            o.Rules.Add(Support);
            switch (option)
            {
                case nameof(o.AdvanceWriteDelay): o.AdvanceWriteDelay = TimeSpan.Zero; break;
                case nameof(o.FlushInterval): o.FlushInterval = TimeSpan.FromSeconds(-1); break;
                case nameof(o.Shards): o.Shards = 0; break;
                default: o.RecentEvents = -1; break;
            }
        })));
        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void AddJourneyKit_NoRule_FailsAtStartUp()
    {
        var error = Assert.Throws<ArgumentException>(() => Host.CreateApplicationBuilder().UseOrleans(silo => silo.AddJourneyKit(_ => { })));
        Assert.Equal(nameof(JourneyKitOrleansOptions.Rules), error.ParamName);
    }
}
