namespace JourneyKit.Tests;

public class JourneyTemplatesTests
{
    public static TheoryData<string, string[]> Templates => new()
    {
        { nameof(JourneyTemplates.FiveStage), ["awareness", "consideration", "purchase", "retention", "advocacy"] },
        { nameof(JourneyTemplates.ThreeStageFunnel), ["awareness", "consideration", "purchase"] },
        {
            nameof(JourneyTemplates.BuyingDecision),
            ["need-recognition", "information-search", "evaluation-of-alternatives", "purchase-decision", "post-purchase-evaluation", "advocacy"]
        },
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_HasPracticeStagesInOrder(string name, string[] expectedIds)
    {
        var stages = name switch
        {
            nameof(JourneyTemplates.FiveStage) => JourneyTemplates.FiveStage,
            nameof(JourneyTemplates.ThreeStageFunnel) => JourneyTemplates.ThreeStageFunnel,
            _ => JourneyTemplates.BuyingDecision,
        };
        Assert.Equal(expectedIds, stages.Select(s => s.Id));
        Assert.Equal(Enumerable.Range(0, expectedIds.Length), stages.Select(s => s.Position));
        Assert.All(stages, s => Assert.False(string.IsNullOrWhiteSpace(s.Goal)));

        var map = JourneyMap.CreateBuilder("m", "M").AddStages(stages).Build();
        Assert.Equal(expectedIds, map.Stages.Select(s => s.Id));
    }
}
