using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JourneyKit.Events;
using JourneyKit.Paths;

namespace JourneyKit.Tests.Events;

public class CustomerAttributesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private const string Contacts = "customer_id,segment,plan,seats\nc1,smb,pro,5\nc2,enterprise,pro,250\nc3,smb,free,\nc1,dup,dup,1\n,smb,pro,1\nc4,smb,pro,many\n\n";

    private static EventLog Log()
    {
        var b = new EventLogBuilder();
        foreach (var (c, tps) in new[] { ("c1", "A B C"), ("c2", "A B"), ("c3", "A"), ("c9", "A C") })
        {
            var steps = tps.Split(' ');
            for (int i = 0; i < steps.Length; i++)
            {
                b.Add(c, T0.AddMinutes(i), steps[i]);
            }
        }

        return b.Build();
    }

    [Fact]
    public void ReadCsv_AccountsForEveryRow_AndTypesColumnsAsDeclared()
    {
        var (attributes, report) = CustomerAttributes.ReadCsv(new StringReader(Contacts), new CustomerAttributeOptions { NumberColumns = ["seats"] });
        Assert.Equal(6, report.RowsRead);
        Assert.Equal(3, report.RowsAccepted);
        Assert.Equal(1, report.BlankLines);
        Assert.Equal([RejectReason.Duplicate, RejectReason.MissingCustomerId, RejectReason.BadNumber], report.Rejections.Select(r => r.Reason));
        Assert.Equal(["segment", "plan", "seats"], attributes.Names);
        Assert.True(attributes.IsNumber("seats"));
        Assert.Equal(250, attributes.Number("c2", "seats"));
        Assert.True(double.IsNaN(attributes.Number("c3", "seats")));
        Assert.Equal("smb", attributes.Text("c1", "segment"));
        Assert.Null(attributes.Text("c4", "segment")); // its row was rejected: nothing of it is kept
    }

    [Fact]
    public void ReadJsonLines_MatchesCsv()
    {
        string json = "{\"customer_id\":\"c1\",\"segment\":\"smb\",\"seats\":5}\n{\"customer_id\":\"c2\",\"segment\":{\"x\":1}}\n";
        var (attributes, report) = CustomerAttributes.ReadJsonLines(new StringReader(json), new CustomerAttributeOptions { NumberColumns = ["seats"] });
        Assert.Equal(1, report.RowsAccepted);
        Assert.Equal(1, report.RowsRejected);
        Assert.Equal(5, attributes.Number("c1", "seats"));
    }

    [Fact]
    public void Coverage_ReportsCustomersWithoutARow()
    {
        var (attributes, _) = CustomerAttributes.ReadCsv(new StringReader(Contacts));
        var coverage = attributes.Coverage(Log());
        Assert.Equal(3, coverage.CustomersWithRow);
        Assert.Equal(1, coverage.CustomersWithoutRow);
        Assert.Equal(["c9"], coverage.SampleWithoutRow);
        Assert.Equal(1, coverage.RowsWithoutEvents); // c4: seats is text here, so its row is accepted, but it has no events
    }

    [Fact]
    public void Breakdown_FunnelPerSegment_AndFilterByAttribute()
    {
        var (attributes, _) = CustomerAttributes.ReadCsv(new StringReader(Contacts));
        var log = Log();
        var funnel = new FunnelDefinition(FunnelStep.Touchpoint("A"), FunnelStep.Touchpoint("B"));
        var perSegment = attributes.Breakdown(log, "segment", l => new PathAnalyzer().Funnel(l, funnel));
        Assert.Equal(["smb", "enterprise", CustomerAttributes.Missing], perSegment.Keys);
        Assert.Equal([2L, 1L], perSegment["smb"].Steps.Select(s => s.Entered)); // c1 A→B, c3 A only
        Assert.Equal([1L, 0L], perSegment[CustomerAttributes.Missing].Steps.Select(s => s.Entered)); // c9

        var smbOnly = new PathAnalyzer(new PathAnalyzerOptions { Filter = JourneyFilter.All.WithAttribute(attributes, "segment", "smb") });
        Assert.Equal(perSegment["smb"].Steps.Select(s => s.Entered), smbOnly.Funnel(log, funnel).Steps.Select(s => s.Entered));
    }

    /// <summary>Per-segment funnels computed on partitions and merged equal those on the whole log.</summary>
    [Property(MaxTest = 60)]
    public Property Breakdown_MergesExactlyAcrossPartitions()
    {
        var journey = Gen.ListOf(Gen.Elements("A", "B", "C")).Select(l => l.ToArray());
        var gen = Gen.Zip(Gen.ArrayOf(Gen.Zip(journey, Gen.Elements("smb", "enterprise", ""))), Gen.Choose(1, 4));
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (customers, parts) = input;
            var b = new EventLogBuilder();
            var attributes = new CustomerAttributesBuilder();
            for (int c = 0; c < customers.Length; c++)
            {
                var (steps, segment) = customers[c];
                for (int i = 0; i < steps.Length; i++)
                {
                    b.Add("c" + c, T0.AddMinutes(i), steps[i]);
                }

                if (segment.Length > 0)
                {
                    attributes.Set("c" + c, "segment", segment);
                }
            }

            var log = b.Build();
            var table = attributes.Build();
            if (table.Names.Count == 0)
            {
                return true.Label("no attribute");
            }

            var funnel = new FunnelDefinition(FunnelStep.Touchpoint("A"), FunnelStep.Touchpoint("B"), FunnelStep.Touchpoint("C")) { AllowUnknownSteps = true };
            var whole = table.Breakdown(log, "segment", l => new PathAnalyzer().Funnel(l, funnel));
            var merged = log.Partition(parts)
                .Select(p => table.Breakdown(p, "segment", l => new PathAnalyzer().Funnel(l, funnel)))
                .SelectMany(d => d)
                .GroupBy(kv => kv.Key)
                .ToDictionary(g => g.Key, g => g.Select(kv => kv.Value).Aggregate(FunnelResult.Merge));
            return whole.Keys.Order().SequenceEqual(merged.Keys.Order()).Label("same groups")
                .And(whole.All(kv => kv.Value.Steps.Select(s => s.Entered).SequenceEqual(merged[kv.Key].Steps.Select(s => s.Entered)))).Label("same counts");
        });
    }

    [Fact]
    public void Merge_UnionsTables_AndRefusesConflicts()
    {
        var a = new CustomerAttributesBuilder().Set("c1", "segment", "smb").Build();
        var b = new CustomerAttributesBuilder().Set("c2", "segment", "enterprise").Set("c1", "seats", 5).Build();
        var merged = CustomerAttributes.Merge([a, b]);
        Assert.Equal("smb", merged.Text("c1", "segment"));
        Assert.Equal(5, merged.Number("c1", "seats"));
        Assert.Equal("enterprise", merged.Text("c2", "segment"));
        var conflict = new CustomerAttributesBuilder().Set("c1", "segment", "mid").Build();
        var ex = Assert.Throws<ArgumentException>(() => CustomerAttributes.Merge([a, conflict]));
        Assert.Contains("'c1'", ex.Message, StringComparison.Ordinal);
    }
}
