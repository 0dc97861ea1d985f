using System.Globalization;
using JourneyKit.Internal;

namespace JourneyKit.Events;

/// <summary>Collects customer attributes in code (as a CRM integration sets them), then builds an immutable <see cref="CustomerAttributes"/>.</summary>
/// <remarks>An attribute's type is fixed by its first value (text or number). Not thread-safe.</remarks>
public sealed class CustomerAttributesBuilder
{
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly Dictionary<string, (bool IsNumber, int Column)> _columns = new(StringComparer.Ordinal);
    private readonly List<(string Name, bool IsNumber)> _order = [];
    private readonly List<List<string?>> _text = [];
    private readonly List<List<double>> _numbers = [];

    /// <summary>Sets a text attribute of a customer (adding the customer when new).</summary>
    /// <param name="customerId">The customer id: not blank, no surrounding white space.</param>
    /// <param name="name">The attribute name: not blank.</param>
    /// <param name="value">The value; not null (leave it unset for "missing").</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">An id or name is blank, or the attribute holds numbers.</exception>
    public CustomerAttributesBuilder Set(string customerId, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var (isNumber, column) = Declare(name, isNumber: false);
        if (isNumber)
        {
            throw new ArgumentException($"Attribute '{Guard.Clip(name)}' holds numbers; set a number.", nameof(value));
        }

        _text[column][Row(customerId)] = value;
        return this;
    }

    /// <summary>Sets a number attribute of a customer (adding the customer when new).</summary>
    /// <param name="customerId">The customer id: not blank, no surrounding white space.</param>
    /// <param name="name">The attribute name: not blank.</param>
    /// <param name="value">The value; finite.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">An id or name is blank, the value is not finite, or the attribute holds text.</exception>
    public CustomerAttributesBuilder Set(string customerId, string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Attribute '{Guard.Clip(name)}' of customer '{Guard.Clip(customerId)}' is {value}; numbers must be finite."), nameof(value));
        }

        var (isNumber, column) = Declare(name, isNumber: true);
        if (!isNumber)
        {
            throw new ArgumentException($"Attribute '{Guard.Clip(name)}' holds text; set text.", nameof(value));
        }

        _numbers[column][Row(customerId)] = value;
        return this;
    }

    /// <summary>Builds the table.</summary>
    /// <returns>The immutable table.</returns>
    public CustomerAttributes Build() =>
        new([.. _ids], _order.AsReadOnly(), [.. _text.Select(c => c.ToArray())], [.. _numbers.Select(c => c.ToArray())]);

    internal bool HasRow(string customerId) => _rows.ContainsKey(customerId);

    /// <summary>A number set so far (NaN when none).</summary>
    internal double NumberOf(string customerId, string name) =>
        _rows.TryGetValue(customerId, out int row) && _columns.TryGetValue(name, out var c) && c.IsNumber ? _numbers[c.Column][row] : double.NaN;

    /// <summary>A text set so far (null when none).</summary>
    internal string? TextOf(string customerId, string name) =>
        _rows.TryGetValue(customerId, out int row) && _columns.TryGetValue(name, out var c) && !c.IsNumber ? _text[c.Column][row] : null;

    internal bool IsNumberColumn(string name) => _columns.TryGetValue(name, out var c) && c.IsNumber;

    internal (bool IsNumber, int Column) Declare(string name, bool isNumber)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An attribute name must not be empty.", nameof(name));
        }

        if (_columns.TryGetValue(name, out var existing))
        {
            return existing;
        }

        int column = isNumber ? _numbers.Count : _text.Count;
        if (isNumber)
        {
            _numbers.Add([.. Enumerable.Repeat(double.NaN, _ids.Count)]);
        }
        else
        {
            _text.Add([.. Enumerable.Repeat<string?>(null, _ids.Count)]);
        }

        _columns[name] = (isNumber, column);
        _order.Add((name, isNumber));
        return (isNumber, column);
    }

    internal int Row(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        if (_rows.TryGetValue(customerId, out int row))
        {
            return row;
        }

        if (EventLogBuilder.TextProblem(customerId) is { } problem)
        {
            throw new ArgumentException($"The customer id {problem}", nameof(customerId));
        }

        row = _ids.Count;
        _rows.Add(customerId, row);
        _ids.Add(customerId);
        foreach (var column in _text)
        {
            column.Add(null);
        }

        foreach (var column in _numbers)
        {
            column.Add(double.NaN);
        }

        return row;
    }

    // For Merge: set a value, refusing a different value already set for the customer.
    internal void SetMerged(string customerId, string name, string value)
    {
        var (isNumber, column) = _columns[name];
        int row = Row(customerId);
        if (isNumber)
        {
            throw new ArgumentException($"Attribute '{Guard.Clip(name)}' is a number in one table and text in another.", nameof(name));
        }

        if (_text[column][row] is { } existing && existing != value)
        {
            throw new ArgumentException($"Customer '{Guard.Clip(customerId)}' has attribute '{Guard.Clip(name)}' = '{Guard.Clip(existing)}' in one table and '{Guard.Clip(value)}' in another.", nameof(value));
        }

        _text[column][row] = value;
    }

    internal void SetMerged(string customerId, string name, double value)
    {
        var (isNumber, column) = _columns[name];
        int row = Row(customerId);
        if (!isNumber)
        {
            throw new ArgumentException($"Attribute '{Guard.Clip(name)}' is text in one table and a number in another.", nameof(name));
        }

        double existing = _numbers[column][row];
        if (!double.IsNaN(existing) && existing != value)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Customer '{Guard.Clip(customerId)}' has attribute '{Guard.Clip(name)}' = {existing} in one table and {value} in another."), nameof(value));
        }

        _numbers[column][row] = value;
    }
}
