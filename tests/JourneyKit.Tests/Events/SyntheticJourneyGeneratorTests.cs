using JourneyKit.Events;

namespace JourneyKit.Tests.Events;

public class SyntheticJourneyGeneratorTests
{
    private static readonly JourneyMap Map = SampleMaps.ECommerce();

    [Fact]
    public void Generate_SameSeed_SameLog_DifferentSeed_DifferentLog()
    {
        var a = new SyntheticJourneyGenerator(Map, new SyntheticJourneyOptions { Customers = 300, Seed = 1 }).Generate();
        var b = new SyntheticJourneyGenerator(Map, new SyntheticJourneyOptions { Customers = 300, Seed = 1 }).Generate();
        var c = new SyntheticJourneyGenerator(Map, new SyntheticJourneyOptions { Customers = 300, Seed = 2 }).Generate();
        Assert.True(a.ContentEquals(b));
        Assert.False(a.ContentEquals(c));
    }

    [Fact]
    public void Feedback_ReadsTheDesignedEmotion_AsAnNpsRespondentWould()
    {
        // Neutral touchpoints give passives, delighted ones promoters, painful ones detractors (documented mapping).
        var log = new SyntheticJourneyGenerator(Map, new SyntheticJourneyOptions { Customers = 4000, Seed = 3, FeedbackProbability = 1 }).Generate();
        var byEmotion = new Dictionary<double, List<double>>();
        for (int k = 0; k < log.EventCount; k++)
        {
            double emotion = Map.Touchpoints[log.TouchpointIds[k]].Emotion?.Value ?? 0;
            (byEmotion.TryGetValue(emotion, out var list) ? list : byEmotion[emotion] = []).Add(log.Feedback[k]);
        }

        // The documented mapping: mean 7.5 + 1.25 e above neutral, 7.5 + 2.5 e below, sd 1, rounded and clamped to 0–10.
        static double ExpectedMean(double e)
        {
            double mu = e >= 0 ? 7.5 + (1.25 * e) : 7.5 + (2.5 * e);
            double mean = 0;
            for (int k = 0; k <= 10; k++)
            {
                double lo = k == 0 ? double.NegativeInfinity : k - 0.5, hi = k == 10 ? double.PositiveInfinity : k + 0.5;
                mean += k * (MathNet.Numerics.Distributions.Normal.CDF(mu, 1, hi) - MathNet.Numerics.Distributions.Normal.CDF(mu, 1, lo));
            }

            return mean;
        }

        static double Nps(List<double> scores) => 100.0 * (scores.Count(s => s >= 9) - scores.Count(s => s <= 6)) / scores.Count;
        var groups = byEmotion.Where(kv => kv.Value.Count >= 500).OrderBy(kv => kv.Key).ToList();
        Assert.True(groups.Count >= 3);
        foreach (var (emotion, scores) in groups)
        {
            Assert.All(scores, s => Assert.InRange(s, 0, 10));
            Assert.InRange(scores.Average(), ExpectedMean(emotion) - 0.15, ExpectedMean(emotion) + 0.15);
        }

        // NPS rises with the designed emotion; delight reads as promoters, pain as detractors, neutral as passives.
        Assert.True(groups.Zip(groups.Skip(1)).All(p => Nps(p.First.Value) < Nps(p.Second.Value)));
        Assert.True(Nps(groups[^1].Value) > 40);
        Assert.True(Nps(groups[0].Value) < -80);
        Assert.Equal(7.5, ExpectedMean(0), 1);
    }

    [Fact]
    public void Generate_JourneysAreNonLinearAndRealistic()
    {
        var log = new SyntheticJourneyGenerator(Map, new SyntheticJourneyOptions { Customers = 2000 }).Generate();
        Assert.Equal(2000, log.CustomerCount);
        int backtracks = 0, skips = 0, channelSwitches = 0, conversions = 0, churns = 0, feedback = 0;
        int purchase = log.StageNames.ToList().IndexOf("purchase");
        foreach (var journey in log.Journeys)
        {
            var stages = journey.StageIds;
            var channels = journey.ChannelIds;
            for (int i = 1; i < journey.Count; i++)
            {
                backtracks += stages[i] < stages[i - 1] ? 1 : 0;
                skips += stages[i] > stages[i - 1] + 1 ? 1 : 0;
                channelSwitches += channels[i] != channels[i - 1] ? 1 : 0;
                Assert.True(journey.UtcTicks[i] > journey.UtcTicks[i - 1]);
            }

            for (int i = 0; i < journey.Count; i++)
            {
                if (journey.Outcomes[i] == EventOutcome.Conversion)
                {
                    conversions++;
                    Assert.Equal(purchase, stages[i]);
                    Assert.True(log.Values[journey.Start + i] > 0);
                }

                churns += journey.Outcomes[i] == EventOutcome.Churn ? 1 : 0;
                Assert.NotEqual(Lane.Backstage, Map.GetTouchpoint(log.TouchpointNames[journey.TouchpointIds[i]]).Lane);
            }

            Assert.True(journey.Outcomes.Count(EventOutcome.Conversion) <= 1);
        }

        foreach (double f in log.Feedback)
        {
            feedback += double.IsNaN(f) ? 0 : 1;
            Assert.True(double.IsNaN(f) || (f >= 0 && f <= 10 && f == Math.Round(f)));
        }

        Assert.True(backtracks > 100, $"backtracks {backtracks}");
        Assert.True(skips > 100, $"skips {skips}");
        Assert.True(channelSwitches > 100, $"channel switches {channelSwitches}");
        Assert.InRange(conversions, 200, 1900);
        Assert.True(churns > 10, $"churns {churns}");
        Assert.True(feedback > 100, $"feedback {feedback}");
    }

    [Fact]
    public void Options_OutOfRange_ThrowNamingTheSetting()
    {
        Assert.Equal("Customers", Assert.Throws<InvalidOptionsException>(() => new SyntheticJourneyGenerator(Map, new SyntheticJourneyOptions { Customers = -1 })).ParamName);
        Assert.Equal("StayWeight", Assert.Throws<InvalidOptionsException>(() => new SyntheticJourneyGenerator(Map, new SyntheticJourneyOptions { StayWeight = -0.1 })).ParamName);
        Assert.Equal("ChannelStickiness", Assert.Throws<InvalidOptionsException>(() => new SyntheticJourneyGenerator(Map, new SyntheticJourneyOptions { ChannelStickiness = 2 })).ParamName);
        Assert.Equal("MeanGap", Assert.Throws<InvalidOptionsException>(() => new SyntheticJourneyGenerator(Map, new SyntheticJourneyOptions { MeanGap = TimeSpan.Zero })).ParamName);
        Assert.Contains("'nowhere'", Assert.Throws<ArgumentException>(() => new SyntheticJourneyGenerator(Map, new SyntheticJourneyOptions { ConversionStageId = "nowhere" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GenerateInto_BuilderWithOtherMap_Throws() =>
        Assert.Equal("builder", Assert.Throws<ArgumentException>(() => new SyntheticJourneyGenerator(Map).GenerateInto(new EventLogBuilder())).ParamName);
}
