using System.Reflection;
using System.Runtime.CompilerServices;
using JourneyKit.Attribution;
using JourneyKit.Events;
using JourneyKit.Identity;

namespace JourneyKit.Tests.Conventions;

/// <summary>
/// The API grammar of ARCHITECTURE.md, checked by reflection over the public surface (NodaTime-style convention tests):
/// what a rule here says is what a user can rely on in every capability, including the ones still to come.
/// </summary>
public class ApiConventionTests
{
    private static readonly Type[] DataTypes = [typeof(EventLog), typeof(PathDataSet), typeof(AccountLog)];

    private static readonly string[] ModelVerbs = ["Fit", "Compute", "Compare", "Analyze", "Test"];

    // Public methods that read a log but are bounded by something other than its size, each with the reason.
    private static readonly HashSet<string> BoundedWork = new(StringComparer.Ordinal)
    {
        "EventLog.ContentEquals(EventLog)", // an equality test, like SequenceEqual: callers compare logs they hold
    };

    private static IEnumerable<MethodInfo> PublicMethods() =>
        typeof(JourneyMap).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && !m.IsDefined(typeof(ObsoleteAttribute)) && !m.IsDefined(typeof(CompilerGeneratedAttribute)));

    private static string Name(MethodInfo m) =>
        $"{m.DeclaringType!.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})";

    [Fact]
    public void LongRunningMethods_TakeACancellationTokenLast_WithADefault()
    {
        var missing = PublicMethods()
            .Where(m => m.GetParameters().Any(p => DataTypes.Contains(p.ParameterType)) ||
                        (m.IsStatic && ModelVerbs.Contains(m.Name) && m.GetParameters().Any(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IEnumerable<>))))
            .Where(m => !BoundedWork.Contains(Name(m)))
            .Where(m => m.GetParameters() is not [.., { ParameterType: var last, HasDefaultValue: true }] || last != typeof(CancellationToken))
            .Select(Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} long-running methods without 'CancellationToken cancellationToken = default' last:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void NoTwoOverloads_DifferOnlyByACancellationToken()
    {
        var pairs = PublicMethods()
            .Where(m => m.GetParameters() is [.., { ParameterType: var last }] && last == typeof(CancellationToken))
            .Where(m => PublicMethods().Any(o => o.DeclaringType == m.DeclaringType && o.Name == m.Name &&
                o.GetParameters().Select(p => p.ParameterType).SequenceEqual(m.GetParameters()[..^1].Select(p => p.ParameterType))))
            .Select(Name)
            .ToList();
        Assert.True(pairs.Count == 0, "Overload pairs that differ only by the token (one method with a defaulted token instead): " + string.Join(", ", pairs));
    }

    [Fact]
    public void OptionsTypes_AreSealedRecords_WithInitOnlyProperties_AndValidate()
    {
        var problems = new List<string>();
        foreach (var type in typeof(JourneyMap).Assembly.GetExportedTypes().Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && !t.IsEnum))
        {
            // Bound by the options pattern (services.Configure<T>(o => o.X = …) mutates it): a sealed class with setters.
            bool optionsPattern = type == typeof(JourneyKit.DependencyInjection.JourneyKitOptions);
            if (!optionsPattern && (!type.IsSealed || type.GetMethod("<Clone>$") is null))
            {
                problems.Add($"{type.Name} is not a sealed record");
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            {
                if (!optionsPattern && !property.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
                {
                    problems.Add($"{type.Name}.{property.Name} has a public setter, not init");
                }
            }

            if (type.GetMethod("Validate", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not { } validate)
            {
                problems.Add($"{type.Name} has no public Validate()");
            }
            else if (type.GetConstructor(Type.EmptyTypes) is { } create)
            {
                // The defaults are a valid configuration: a user who sets nothing never meets a validation error.
                try
                {
                    validate.Invoke(create.Invoke(null), null);
                }
                catch (TargetInvocationException ex)
                {
                    problems.Add($"{type.Name}'s defaults do not validate: {ex.InnerException!.Message}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce_EachNamingItsProperty()
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => new JourneyKit.Paths.PathAnalyzerOptions { MaxDegreeOfParallelism = 0, MaxNodes = 50_000, Filter = null! }.Validate());
        Assert.Equal(["Filter", "MaxDegreeOfParallelism", "MaxNodes"], ex.Problems.Select(p => p.Path));
        Assert.Equal(["Required", "Range", "Range"], ex.Problems.Select(p => p.Rule));
        Assert.Equal("Filter", ex.ParamName);
        Assert.Contains("must lie in [1, 46,340] (was 50,000)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 problems", ex.Message, StringComparison.Ordinal);

        var nested = Assert.Throws<InvalidOptionsException>(() => new JourneyKit.DependencyInjection.JourneyKitOptions { MaxJsonDepth = 1, PathAnalysis = new JourneyKit.Paths.PathAnalyzerOptions { MaxNodes = 0 } }.Validate());
        Assert.Equal(["PathAnalysis.MaxNodes", "MaxJsonDepth"], nested.Problems.Select(p => p.Path));
    }

    [Fact]
    public void MapAndRuleValidation_ShareOneExceptionShape()
    {
        var map = Assert.ThrowsAny<JourneyKitValidationException>(() => JourneyMap.CreateBuilder("m", "M").AddStage("s", "S").AddStage("s", "S again").Build());
        Assert.IsType<JourneyMapValidationException>(map);
        Assert.Contains(map.Problems, p => p.Rule == nameof(ValidationRule.Duplicate) && p.Path.Length > 0);

        var rule = JourneyKit.Rules.JourneyRule.Named("r").When("a").NotFollowedBy("b", TimeSpan.FromHours(1));
        var rules = Assert.ThrowsAny<JourneyKitValidationException>(() => new JourneyKit.Rules.RuleEngine([rule, rule]));
        Assert.IsType<JourneyKit.Rules.RuleValidationException>(rules);
        var problem = Assert.Single(rules.Problems);
        Assert.Equal(("Rule 'r'", "Duplicate"), (problem.Path, problem.Rule));
        Assert.Equal(problem.ToString(), Assert.Single(((JourneyKit.Rules.RuleValidationException)rules).Errors));
    }
}
