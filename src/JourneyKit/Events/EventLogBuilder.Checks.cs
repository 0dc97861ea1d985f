using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Events;

// The builder's boundary checks (ids, labels, text, numbers, lengths) and its single-writer guard.
public sealed partial class EventLogBuilder
{
    private int InternLabelGuarded(StringTable table, string label, string paramName, string kind)
    {
        Enter();
        try
        {
            int id = CheckLabel(table, label, paramName, kind);
            return id >= 0 ? id : table.Intern(label);
        }
        finally
        {
            Exit();
        }
    }

    // The customer's id, or -1 when it is new and valid; throws when it is not. Known ids skip the text checks, so the
    // one-by-one path costs one hash per id. Registers nothing.
    private int CheckCustomer(string customerId, string paramName)
    {
        int id = customerId is null ? -1 : _customers.Find(customerId);
        if (id < 0)
        {
            RequireText(customerId, paramName, "customer id");
        }

        return id;
    }

    // The label's id, or -1 when it is new and may be registered; throws when it may not. Registers nothing.
    private int CheckLabel(StringTable table, string label, string paramName, string kind)
    {
        int id = table.Find(label ?? "");
        if (id >= 0)
        {
            return id;
        }

        RequireText(label, paramName, kind);
        if (Guard.ReservedLabel(label) is { } reserved)
        {
            throw new ArgumentException($"The {kind} '{Guard.Clip(label)}' {reserved}", paramName);
        }

        if (Map is not null && !AllowsUnknownTouchpoints)
        {
            throw new ArgumentException($"Journey map '{Map.Id}' has no {kind} '{Guard.Clip(label)}'; unknown {kind}s are not allowed by this builder.", paramName);
        }

        return -1;
    }

    private static void RequireText(string? value, string paramName, string what)
    {
        if (TextProblem(value) is { } problem)
        {
            throw new ArgumentException($"The {what} {problem}", paramName);
        }
    }

    /// <summary>Why an id or label cannot be stored exactly, or null: empty, surrounding white space, invalid Unicode.</summary>
    internal static string? TextProblem(ReadOnlySpan<char> value) =>
        value.IsWhiteSpace() ? "must not be empty."
        : char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) ? $"'{Guard.Clip(value)}' has leading or trailing white space; ids are compared exactly, so trim it first."
        : !Guard.IsValidUnicode(value) ? $"'{Guard.Clip(value)}' is not valid Unicode (a lone surrogate); it could not be written and read back."
        : null;

    // Detects use from two threads at once (the builder is not thread-safe): a race would lose events silently.
    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException(
                "This EventLogBuilder is being changed by another call at the same time; it is not thread-safe. " +
                "Use one builder per thread and EventLog.Merge the logs, or serialize the calls.");
        }
    }

    private void Exit() => Volatile.Write(ref _busy, 0);

    /// <summary>Holds the builder for a reader for the whole ingest; see <see cref="Enter"/>.</summary>
    internal ReaderScope EnterReader()
    {
        Enter();
        return new ReaderScope(this);
    }

    internal readonly struct ReaderScope(EventLogBuilder builder) : IDisposable
    {
        public void Dispose() => builder?.Exit();
    }

    private static void RequireFinite(double? value, string field, string customerId, string paramName)
    {
        if (value is { } v && !double.IsFinite(v))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{field} of the event of customer '{customerId}' is {v}; it must be finite."),
                paramName);
        }
    }

    private static void RequireLength(int actual, int expected, string paramName)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Column '{paramName}' has {actual} entries; customerIds has {expected}.", paramName);
        }
    }

    private static void RequireIds(ReadOnlySpan<int> ids, int count, string paramName, string kind)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            if ((uint)ids[i] >= (uint)count)
            {
                throw new ArgumentException($"{paramName}[{i}] = {ids[i]} is not a registered {kind} id (0..{count - 1}).", paramName);
            }
        }
    }
}
