using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace JourneyKit.Tests;

public class EmotionTests
{
    [Fact]
    public void Default_IsNeutralWithoutLabel()
    {
        Emotion emotion = default;
        Assert.Equal(0.0, emotion.Value);
        Assert.Null(emotion.Label);
        Assert.Equal(Emotion.Neutral, emotion);
    }

    [Theory]
    [InlineData(-2.0001)]
    [InlineData(2.0001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void From_OutsideScale_Throws(double value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Emotion.From(value));
        Assert.Equal("value", ex.ParamName);
    }

    [Theory]
    // 1..5 scale: 1 → −2, 3 → 0, 5 → +2, 4 → −2 + (3/4)·4 = 1.
    [InlineData(1, 1, 5, -2)]
    [InlineData(3, 1, 5, 0)]
    [InlineData(4, 1, 5, 1)]
    [InlineData(5, 1, 5, 2)]
    // −3..+3 scale: 1.5 → −2 + (4.5/6)·4 = 1.
    [InlineData(1.5, -3, 3, 1)]
    [InlineData(-3, -3, 3, -2)]
    // 0..10 (NPS-like): 9 → −2 + 0.9·4 = 1.6.
    [InlineData(9, 0, 10, 1.6)]
    public void FromScale_MapsLinearly(double value, double min, double max, double expected) =>
        Assert.Equal(expected, Emotion.FromScale(value, min, max).Value, precision: 10);

    [Fact]
    public void FromScale_ValueOutsideScale_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Emotion.FromScale(6, 1, 5));
        Assert.Equal("value", ex.ParamName);
        Assert.Contains("[1, 5]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromScale_EmptyScale_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Emotion.FromScale(1, 1, 1));
        Assert.Equal("scaleMaximum", ex.ParamName);
    }

    [Property]
    public bool FromScale_ThenToScale_RoundTrips(int lowSeed, PositiveInt width, NormalFloat fraction)
    {
        double min = lowSeed % 100;
        double max = min + width.Get;
        double value = min + (Math.Abs(fraction.Get) % 1.0 * (max - min));
        double back = Emotion.FromScale(value, min, max).ToScale(min, max);
        return Math.Abs(back - value) < 1e-9 * Math.Max(1, Math.Abs(value));
    }

    [Fact]
    public void ToString_ShowsSignAndLabel()
    {
        Assert.Equal("+1.5 (delighted)", Emotion.From(1.5, "delighted").ToString());
        Assert.Equal("-2", Emotion.From(-2).ToString());
        Assert.Equal("0", Emotion.Neutral.ToString());
    }

    [Fact]
    public void From_BlankLabel_StoredAsNull() => Assert.Null(Emotion.From(1, "  ").Label);
}
