using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Forecasting;

/// <summary>
/// An absorbing journey model fitted from an event log, to price a future state: where journeys start, how they move
/// between steps (touchpoints, stages or channels), when they convert — a journey converts at its first event with the
/// conversion outcome; that event is a step of the journey, and from it the journey enters <see cref="ConvertedState"/>
/// — and that a journey ending without converting enters <see cref="LostState"/> (or <see cref="ChurnedState"/>, by
/// option); with dwell times per step (for time to convert) and the value of a conversion (for revenue). Every row and
/// the start distribution carry a Dirichlet posterior, so that every answer — <see cref="ConversionRate"/>,
/// <see cref="Forecast"/>, <see cref="Leverage"/> — comes with a credible interval from posterior draws. Immutable and
/// thread-safe.
/// </summary>
/// <remarks>
/// The fitted probabilities are the maximum-likelihood ones and agree with
/// <see cref="Markov.MarkovChain.Fit(EventLog, PathLevel, Markov.MarkovEstimationOptions?, string?, CancellationToken)"/>
/// given a start state and the conversion state: the chain's absorption probability into conversion from its start is
/// <see cref="ConversionRate"/>'s value. The posterior of a row is Dirichlet(counts + <see cref="JourneyModelOptions.Prior"/>)
/// over the transitions observed from it. Dwell at a step is the time from its event to the next event of the journey
/// (run from the first of a run of repeats when they are collapsed); its uncertainty in the draws is the normal
/// approximation of its mean, as is that of the value of a conversion.
/// </remarks>
public sealed partial class JourneyModel
{
    /// <summary>The absorbing state a journey enters at its first conversion.</summary>
    public const string ConvertedState = "(converted)";

    /// <summary>The absorbing state a journey enters when it ends without converting.</summary>
    public const string LostState = "(lost)";

    /// <summary>The absorbing state a journey enters at its first churn event when <see cref="JourneyModelOptions.ChurnIsAbsorbing"/>.</summary>
    public const string ChurnedState = "(churned)";

    private readonly string[] _steps;
    private readonly Dictionary<string, int> _index;
    private readonly int[] _rowStart;      // CSR over observed transitions, targets: steps, then converted, lost, churned
    private readonly int[] _target;
    private readonly long[] _count;
    private readonly long[] _startCount;
    private readonly DwellStats[] _dwell;
    private readonly DwellStats _value;
    private readonly HashSet<string> _afterConversionOnly;
    private readonly JourneyModelOptions _options;
    private readonly Lazy<ForecastValue> _conversionRate;
    private readonly long _events;

    private JourneyModel(ModelCounts counts, JourneyModelOptions options)
    {
        _options = options;
        _steps = counts.Steps;
        _index = _steps.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        _rowStart = counts.RowStart;
        _target = counts.Target;
        _count = counts.Count;
        _startCount = counts.StartCount;
        _dwell = counts.Dwell;
        _value = counts.Value;
        _afterConversionOnly = counts.AfterConversionOnly;
        Journeys = counts.Journeys;
        Conversions = counts.Conversions;
        _events = counts.Events;
        Absorbing = options.ChurnIsAbsorbing ? 3 : 2;
        _conversionRate = new Lazy<ForecastValue>(ComputeConversionRate);
    }

    /// <summary>Gets the level of the steps.</summary>
    public PathLevel Level => _options.Level;

    /// <summary>Gets the steps (transient states): the labels seen before or at a journey's conversion, in the map's order when the log has one, otherwise in ordinal order (<c>(unknown)</c> last).</summary>
    public IReadOnlyList<string> Steps => Array.AsReadOnly(_steps);

    /// <summary>Gets the number of journeys (customers with at least one event) the model was fitted on.</summary>
    public long Journeys { get; }

    /// <summary>Gets the number of those journeys that converted.</summary>
    public long Conversions { get; }

    /// <summary>Gets the Dirichlet prior added to each observed count.</summary>
    public double Prior => _options.Prior;

    /// <summary>
    /// Gets the probability that a journey converts, with its credible interval (<see cref="JourneyModelOptions.Draws"/>
    /// posterior draws at <see cref="JourneyModelOptions.IntervalLevel"/>, seeded by <see cref="JourneyModelOptions.Seed"/>;
    /// computed on first use).
    /// </summary>
    public ForecastValue ConversionRate => _conversionRate.Value;

    /// <summary>Gets the mean value of a conversion in the log, or <see langword="null"/> when no converting event carries a value.</summary>
    public double? ConversionValue => _value.Count == 0 ? null : _value.Mean;

    private int Absorbing { get; }

    /// <summary>
    /// Fits a journey model from a log: one pass over its columns at the options' level, counting starts, transitions,
    /// conversions and losses, dwell times and conversion values.
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="options">Level (default touchpoint), prior, churn as its own state, repeats, step cap and the conversion rate's interval.</param>
    /// <param name="cancellationToken">Cancels the fit (checked between journeys).</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">The log has no events, or no journey converts (a model of conversion needs at least one).</exception>
    /// <exception cref="InvalidOperationException">The model would have more steps than <see cref="JourneyModelOptions.MaxSteps"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static JourneyModel Fit(EventLog log, JourneyModelOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= new JourneyModelOptions();
        options.Validate();
        if (log.EventCount == 0)
        {
            throw new ArgumentException("The log has no events; a journey model needs journeys.", nameof(log));
        }

        ModelCounts counts = ModelCounts.Read(log, options, cancellationToken);
        if (counts.Conversions == 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"No journey of the log's {counts.Journeys:N0} converts (no event has the conversion outcome); a model of conversion needs at least one. Mark the converting events (EventOutcome.Conversion) when the log is read."),
                nameof(log));
        }

        if (counts.Steps.Length > options.MaxSteps)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"The model would have {counts.Steps.Length:N0} steps at {options.Level.ToString().ToLowerInvariant()} level, more than MaxSteps ({options.MaxSteps:N0}). Fit at stage or channel level, or raise JourneyModelOptions.MaxSteps (a forecast solves a dense system of that size per draw)."));
        }

        return new JourneyModel(counts, options);
    }

    /// <summary>The fitted probability that a journey starts at a step.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The share of journeys whose first event is at the step.</returns>
    /// <exception cref="ArgumentException">The model has no such step (the message says what it has).</exception>
    public double StartProbability(string step)
    {
        int s = StepIndex(step, nameof(step));
        return (double)_startCount[s] / Journeys;
    }

    /// <summary>The fitted probability of the transition <paramref name="from"/> → <paramref name="to"/> (0 when never observed).</summary>
    /// <param name="from">The step.</param>
    /// <param name="to">A step or <see cref="ConvertedState"/>, <see cref="LostState"/>, <see cref="ChurnedState"/>.</param>
    /// <returns>The maximum-likelihood probability.</returns>
    /// <exception cref="ArgumentException">A step is unknown.</exception>
    public double TransitionProbability(string from, string to)
    {
        int s = StepIndex(from, nameof(from));
        int t = TargetIndex(to, nameof(to));
        long total = 0, hit = 0;
        for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
        {
            total += _count[k];
            hit += _target[k] == t ? _count[k] : 0;
        }

        return total == 0 ? 0 : (double)hit / total;
    }

    /// <summary>The number of observed transitions <paramref name="from"/> → <paramref name="to"/>.</summary>
    /// <param name="from">The step.</param>
    /// <param name="to">A step or an absorbing state.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentException">A step is unknown.</exception>
    public long TransitionCount(string from, string to)
    {
        int s = StepIndex(from, nameof(from));
        int t = TargetIndex(to, nameof(to));
        for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
        {
            if (_target[k] == t)
            {
                return _count[k];
            }
        }

        return 0;
    }

    /// <summary>The mean time spent at a step before the journey's next event.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The mean dwell; <see cref="TimeSpan.Zero"/> when no journey went on from the step to another event.</returns>
    /// <exception cref="ArgumentException">The model has no such step.</exception>
    public TimeSpan MeanDwell(string step)
    {
        var d = _dwell[StepIndex(step, nameof(step))];
        return d.Count == 0 ? TimeSpan.Zero : TimeSpan.FromDays(d.Mean);
    }

    /// <summary>Summarises the model.</summary>
    /// <returns>Steps, journeys and the conversion rate.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Journey model at {Level.ToString().ToLowerInvariant()} level: {_steps.Length} steps, {Show.Count(Journeys)} journeys, {Show.Count(Conversions)} converted ({Show.Percent((double)Conversions / Journeys)})");

    private int StepIndex(string step, string paramName)
    {
        ArgumentNullException.ThrowIfNull(step, paramName);
        if (_index.TryGetValue(step, out int s))
        {
            return s;
        }

        throw new ArgumentException(UnknownStep(step), paramName);
    }

    private int TargetIndex(string to, string paramName)
    {
        ArgumentNullException.ThrowIfNull(to, paramName);
        return to switch
        {
            ConvertedState => _steps.Length,
            LostState => _steps.Length + 1,
            ChurnedState when Absorbing == 3 => _steps.Length + 2,
            ChurnedState => throw new ArgumentException($"The model has no '{ChurnedState}' state: fit with ChurnIsAbsorbing to make churn one.", paramName),
            _ => StepIndex(to, paramName),
        };
    }

    private string UnknownStep(string step) =>
        _afterConversionOnly.Contains(step)
            ? $"The step '{Guard.Clip(step)}' only appears after conversion in this log: journeys end at their conversion, so the model has no such step."
            : $"The model has no step '{Guard.Clip(step)}' at {Level.ToString().ToLowerInvariant()} level; {Closest.Describe(step, _steps, "step", "the model")}.";

    private string NameOf(int target) => target < _steps.Length ? _steps[target] : (target - _steps.Length) switch
    {
        0 => ConvertedState,
        1 => LostState,
        _ => ChurnedState,
    };
}
