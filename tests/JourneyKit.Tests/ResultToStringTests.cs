using System.Reflection;
using System.Text.RegularExpressions;
using JourneyKit.Events;
using JourneyKit.Paths;
using JourneyKit.Tests.Paths;

namespace JourneyKit.Tests;

/// <summary>Every public result prints as a person reads it: rounded figures, not a raw record dump.</summary>
public partial class ResultToStringTests
{
    private static readonly string[] ResultWords =
        ["Result", "Summary", "Comparison", "Estimate", "Curve", "Edge", "Fit", "Credit", "Transition", "Coverage", "Graph", "Report", "Step", "Route", "Conformance", "Gap", "Progress", "Node", "Link", "Log", "Table", "DataSet", "Chain", "Counts", "Attributes"];

    [Fact]
    public void EveryPublicResultType_DeclaresItsOwnToString()
    {
        var missing = typeof(JourneyMap).Assembly.GetExportedTypes()
            .Where(t => (t.IsClass || t.IsValueType) && !t.IsEnum && !t.IsAbstract && !typeof(Exception).IsAssignableFrom(t) && !typeof(Attribute).IsAssignableFrom(t))
            .Where(t => ResultWords.Any(w => t.Name.EndsWith(w, StringComparison.Ordinal)) && !t.Name.EndsWith("Options", StringComparison.Ordinal))
            .Where(t => t.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!.DeclaringType != t ||
                        t.GetMethod(nameof(ToString), Type.EmptyTypes)!.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(missing.Count == 0, "Without a human ToString: " + string.Join(", ", missing));
    }

    [Fact]
    public void PathResults_PrintRoundedFigures()
    {
        var log = PathTestLogs.Letters();
        var analyzer = new PathAnalyzer();
        var funnel = analyzer.Funnel(log, new FunnelDefinition(FunnelStep.Touchpoint("A"), FunnelStep.Touchpoint("B"), FunnelStep.Touchpoint("C")));
        string[] texts =
        [
            funnel.ToString(), .. funnel.Steps.Select(s => s.ToString()), analyzer.DirectlyFollows(log).ToString(),
            .. analyzer.DirectlyFollows(log).Edges.Select(e => e.ToString()), funnel.Steps[^1].TimeToNext.ToString(),
        ];
        foreach (string text in texts)
        {
            Assert.DoesNotMatch(LongDecimal(), text);
            Assert.DoesNotContain("{", text, StringComparison.Ordinal); // not a record dump
        }

        Assert.Contains("went on", funnel.Steps[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("no durations", funnel.Steps[^1].TimeToNext.ToString());
    }

    [GeneratedRegex(@"\d\.\d{5,}")]
    private static partial Regex LongDecimal();
}
