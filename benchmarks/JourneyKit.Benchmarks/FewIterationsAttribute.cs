using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace JourneyKit.Benchmarks;

/// <summary>
/// One launch, one warm-up and a few measured iterations, for benchmarks whose single invocation takes seconds. In a
/// smoke run (<see cref="BenchmarkSizes.Smoke"/>, CI's <c>--job dry</c>) it adds no job, so the class runs the dry job
/// alone — a <c>[SimpleJob]</c> attribute would run in full beside it.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FewIterationsAttribute(int iterationCount) : Attribute, IConfigSource
{
    /// <summary>Gets the job, or an empty config in a smoke run.</summary>
    public IConfig Config { get; } = BenchmarkSizes.Smoke
        ? ManualConfig.CreateEmpty()
        : ManualConfig.CreateEmpty().AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(iterationCount));
}
