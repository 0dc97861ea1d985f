namespace JourneyKit.Forecasting;

/// <summary>
/// Running moments of a positive quantity (a step's dwell in days, a conversion's value) and a fixed-size uniform sample
/// of it (reservoir sampling with a fixed seed, so a fit is deterministic) that simulation draws from.
/// </summary>
internal sealed class DwellStats
{
    public const int SampleSize = 512;
    private readonly List<double> _sample = [];
    private ulong _state;

    public DwellStats(int seed) => _state = 0x9E3779B97F4A7C15UL ^ (ulong)(seed + 1);

    public long Count { get; private set; }

    public double Mean => Count == 0 ? 0 : _sum / Count;

    /// <summary>Gets the standard error of the mean (0 with fewer than two values).</summary>
    public double StandardError => Count < 2 ? 0 : Math.Sqrt(Math.Max(0, (_sumOfSquares - (_sum * _sum / Count)) / (Count - 1)) / Count);

    public IReadOnlyList<double> Sample => _sample;

    private double _sum;
    private double _sumOfSquares;

    public void Add(double value)
    {
        Count++;
        _sum += value;
        _sumOfSquares += value * value;
        if (_sample.Count < SampleSize)
        {
            _sample.Add(value);
            return;
        }

        // xorshift64*: the reservoir keeps each value with probability SampleSize / Count.
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        ulong r = (_state * 0x2545F4914F6CDD1DUL) % (ulong)Count;
        if (r < SampleSize)
        {
            _sample[(int)r] = value;
        }
    }

    /// <summary>A draw of the mean from its normal approximation, never below 0.</summary>
    public double DrawMean(Random random)
    {
        double se = StandardError;
        return se == 0 ? Mean : Math.Max(0, Mean + (se * MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1)));
    }
}
