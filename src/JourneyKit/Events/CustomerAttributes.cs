using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;
using JourneyKit.Internal;

namespace JourneyKit.Events;

/// <summary>
/// Customer attributes — segment, persona, plan, region, account owner — as they live in a CRM's contact table: one row
/// per customer id, typed text or number columns. Immutable. Read from a CSV or JSON Lines contacts export (every row
/// accounted for), or built in code (<see cref="CustomerAttributesBuilder"/>); then filter and group any analysis by an
/// attribute's name: <see cref="SplitLog"/> gives one log per value, <see cref="Breakdown{T}"/> runs an analysis per
/// value (funnel per segment, NPS per plan, Markov per persona, attribution per region).
/// </summary>
public sealed class CustomerAttributes
{
    /// <summary>The group of customers whose attribute is missing (no row, or an empty value).</summary>
    public const string Missing = "(none)";

    private readonly Dictionary<string, int> _rows;
    private readonly Dictionary<string, int> _columnIndex;
    private readonly string?[][] _text;   // per text column, per row
    private readonly double[][] _numbers; // per number column, per row (NaN: missing)
    private readonly (bool IsNumber, int Slot)[] _columns;

    internal CustomerAttributes(string[] customerIds, IReadOnlyList<(string Name, bool IsNumber)> columns, string?[][] text, double[][] numbers)
    {
        CustomerIds = Array.AsReadOnly(customerIds);
        _rows = new Dictionary<string, int>(customerIds.Length, StringComparer.Ordinal);
        for (int i = 0; i < customerIds.Length; i++)
        {
            _rows.Add(customerIds[i], i);
        }

        Names = columns.Select(c => c.Name).ToList().AsReadOnly();
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        _columns = new (bool, int)[columns.Count];
        int t = 0, n = 0;
        for (int i = 0; i < columns.Count; i++)
        {
            _columnIndex.Add(columns[i].Name, i);
            _columns[i] = columns[i].IsNumber ? (true, n++) : (false, t++);
        }

        _text = text;
        _numbers = numbers;
    }

    /// <summary>Gets an empty table.</summary>
    public static CustomerAttributes Empty { get; } = new([], [], [], []);

    /// <summary>Gets the customer ids with a row, in row order.</summary>
    public IReadOnlyList<string> CustomerIds { get; }

    /// <summary>Gets the attribute names, in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Gets the number of rows (customers).</summary>
    public int Count => CustomerIds.Count;

    /// <summary>Gets whether an attribute holds numbers (otherwise text).</summary>
    /// <param name="name">The attribute.</param>
    /// <returns><see langword="true"/> for a number attribute.</returns>
    /// <exception cref="ArgumentException">There is no attribute of that name; the message lists the names.</exception>
    public bool IsNumber(string name) => _columns[Column(name)].IsNumber;

    /// <summary>Gets a text attribute of a customer.</summary>
    /// <param name="customerId">The customer id.</param>
    /// <param name="name">The attribute.</param>
    /// <returns>The value, or <see langword="null"/> when the customer has no row or no value (a number attribute is given as invariant text).</returns>
    /// <exception cref="ArgumentException">There is no attribute of that name.</exception>
    public string? Text(string customerId, string name)
    {
        var (isNumber, slot) = _columns[Column(name)];
        if (!_rows.TryGetValue(customerId, out int row))
        {
            return null;
        }

        return isNumber
            ? double.IsNaN(_numbers[slot][row]) ? null : _numbers[slot][row].ToString("R", CultureInfo.InvariantCulture)
            : _text[slot][row];
    }

    /// <summary>Gets a number attribute of a customer.</summary>
    /// <param name="customerId">The customer id.</param>
    /// <param name="name">The attribute; a number attribute.</param>
    /// <returns>The value, or NaN when the customer has no row or no value.</returns>
    /// <exception cref="ArgumentException">There is no attribute of that name, or it holds text.</exception>
    public double Number(string customerId, string name)
    {
        var (isNumber, slot) = _columns[Column(name)];
        if (!isNumber)
        {
            throw new ArgumentException($"Attribute '{Guard.Clip(name)}' holds text; read it with Text.", nameof(name));
        }

        return _rows.TryGetValue(customerId, out int row) ? _numbers[slot][row] : double.NaN;
    }

    /// <summary>Gets how well this table covers a log.</summary>
    /// <param name="log">The log.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>Customers with and without a row, and rows without events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public AttributeCoverage Coverage(EventLog log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        cancellationToken.ThrowIfCancellationRequested();
        int with = 0;
        var sample = new List<string>();
        for (int c = 0; c < log.CustomerCount; c++)
        {
            if ((c & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (_rows.ContainsKey(log.CustomerIds[c]))
            {
                with++;
            }
            else if (sample.Count < 20)
            {
                sample.Add(log.CustomerIds[c]);
            }
        }

        int rowsWithEvents = CustomerIds.Count(id => log.FindCustomer(id) >= 0);
        return new AttributeCoverage(with, log.CustomerCount - with, Count - rowsWithEvents, sample.AsReadOnly());
    }

    /// <summary>
    /// Splits a log by the value of an attribute: one log per value (text as written; numbers in invariant form), and
    /// <see cref="Missing"/> for customers without a row or value. Each part keeps the log's map and label ids.
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="name">The attribute.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The parts by value, in order of first appearance in the log.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no attribute of that name.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyDictionary<string, EventLog> SplitLog(EventLog log, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        cancellationToken.ThrowIfCancellationRequested();
        Column(name);
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int c = 0; c < log.CustomerCount; c++)
        {
            if ((c & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            string key = Text(log.CustomerIds[c], name) ?? Missing;
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                order.Add(key);
            }

            members.Add(c);
        }

        var result = new Dictionary<string, EventLog>(StringComparer.Ordinal);
        foreach (string key in order)
        {
            result[key] = log.Select(groups[key]);
        }

        return new ReadOnlyDictionary<string, EventLog>(result);
    }

    /// <summary>
    /// Runs an analysis per value of an attribute — funnel per segment, NPS per plan, Markov per persona, attribution per
    /// region — on the parts of <see cref="SplitLog"/>.
    /// </summary>
    /// <typeparam name="T">The analysis result.</typeparam>
    /// <param name="log">The log.</param>
    /// <param name="name">The attribute.</param>
    /// <param name="analysis">The analysis of one part.</param>
    /// <param name="cancellationToken">Cancels the breakdown (checked between parts; pass it to the analysis too).</param>
    /// <returns>The results by value (<see cref="Missing"/> for customers without one).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There is no attribute of that name.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyDictionary<string, T> Breakdown<T>(EventLog log, string name, Func<EventLog, T> analysis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var parts = SplitLog(log, name, cancellationToken);
        return new ReadOnlyDictionary<string, T>(parts.ToDictionary(kv => kv.Key, kv => analysis(kv.Value), StringComparer.Ordinal));
    }

    /// <summary>A test on a customer id: the attribute equals <paramref name="value"/> (for <c>JourneyFilter.WithCustomers</c>).</summary>
    /// <param name="name">The attribute.</param>
    /// <param name="value">The value (text as written; numbers in invariant form).</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentException">There is no attribute of that name.</exception>
    public Func<string, bool> Is(string name, string value)
    {
        Column(name);
        return id => string.Equals(Text(id, name), value, StringComparison.Ordinal);
    }

    /// <summary>
    /// Merges tables (for example of partitions): rows of all, the union of attributes. A customer in several tables
    /// takes each attribute from the table that has it; two different values for one customer and attribute are an error.
    /// </summary>
    /// <param name="tables">The tables.</param>
    /// <returns>The merged table (row order: first appearance).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tables"/> is null.</exception>
    /// <exception cref="ArgumentException">An attribute is text in one table and a number in another, or two tables disagree about a value; the message names the customer and attribute.</exception>
    public static CustomerAttributes Merge(IEnumerable<CustomerAttributes> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var builder = new CustomerAttributesBuilder();
        foreach (var table in tables)
        {
            ArgumentNullException.ThrowIfNull(table, nameof(tables));
            foreach (string name in table.Names)
            {
                if (builder.Declare(name, table.IsNumber(name)).IsNumber != table.IsNumber(name))
                {
                    throw new ArgumentException($"Attribute '{Guard.Clip(name)}' is text in one table and a number in another.", nameof(tables));
                }
            }

            foreach (string id in table.CustomerIds)
            {
                builder.Row(id);
                foreach (string name in table.Names)
                {
                    if (table.IsNumber(name))
                    {
                        double v = table.Number(id, name);
                        if (!double.IsNaN(v))
                        {
                            builder.SetMerged(id, name, v);
                        }
                    }
                    else if (table.Text(id, name) is { } text)
                    {
                        builder.SetMerged(id, name, text);
                    }
                }
            }
        }

        return builder.Build();
    }

    /// <summary>Reads a CSV contacts export: a header, one row per customer. Every row is accepted or rejected with its line and reason.</summary>
    /// <param name="reader">The CSV text (strict RFC 4180, as <see cref="EventReader.ReadCsv"/>).</param>
    /// <param name="options">The id column, number columns, policy.</param>
    /// <param name="cancellationToken">Cancels the read (checked every 65,536 rows).</param>
    /// <returns>The table and the accounting of the rows; deconstructs as <c>var (attributes, report) = …</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidDataException">The header lacks the id column or a declared number column, or repeats a name.</exception>
    /// <exception cref="IngestException">A row is bad and the policy is <see cref="IngestPolicy.Strict"/>.</exception>
    public static Ingested<CustomerAttributes> ReadCsv(TextReader reader, CustomerAttributeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new CustomerAttributeOptions();
        options.Validate();
        var defaults = new IngestOptions();
        var csv = new CsvRecordReader(reader, null, defaults.MaxLinesPerRecord, defaults.MaxRecordLength);
        CsvHeader header = csv.ReadHeader();
        int idColumn = header.Required(options.CustomerIdColumn, "CustomerAttributeOptions.CustomerIdColumn");
        foreach (string number in options.NumberColumns)
        {
            header.Required(number, "CustomerAttributeOptions.NumberColumns");
        }

        var accounting = new Accounting(options);
        var builder = new CustomerAttributesBuilder();
        var numbers = options.NumberColumns.ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            if (i != idColumn)
            {
                builder.Declare(header.Names[i], numbers.Contains(header.Names[i]));
            }
        }

        var values = new (string Name, string Text)[header.Count];
        while (csv.Read())
        {
            if ((++accounting.Read & 65535) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            long line = csv.LineFrom;
            if (csv.Error is { } error)
            {
                accounting.Reject(line, null, RejectReason.MalformedRow, error);
                continue;
            }

            if (csv.FieldCount != header.Count)
            {
                accounting.Reject(line, null, RejectReason.MalformedRow, $"The row has {csv.FieldCount} columns; the header has {header.Count}.");
                continue;
            }

            for (int i = 0; i < header.Count; i++)
            {
                values[i] = (header.Names[i], csv[i].ToString());
            }

            accounting.Accept(builder, line, csv[idColumn].ToString(), values.Where((_, i) => i != idColumn));
        }

        return new Ingested<CustomerAttributes>(builder.Build(), accounting.Report(csv.BlankLines));
    }

    /// <summary>
    /// Reads a JSON Lines contacts export: one object per line with the id property; other string or number properties
    /// are attributes — number attributes when declared in <see cref="CustomerAttributeOptions.NumberColumns"/> or first
    /// seen with a JSON number, text otherwise. A value of a number attribute that is not a finite number rejects its row.
    /// </summary>
    /// <param name="reader">The JSON Lines text.</param>
    /// <param name="options">The id property, number attributes, policy.</param>
    /// <param name="cancellationToken">Cancels the read (checked every 65,536 lines).</param>
    /// <returns>The table and the accounting of the lines; deconstructs as <c>var (attributes, report) = …</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="IngestException">A row is bad and the policy is <see cref="IngestPolicy.Strict"/>.</exception>
    public static Ingested<CustomerAttributes> ReadJsonLines(TextReader reader, CustomerAttributeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new CustomerAttributeOptions();
        options.Validate();
        var accounting = new Accounting(options);
        var builder = new CustomerAttributesBuilder();
        var numbers = options.NumberColumns.ToHashSet(StringComparer.Ordinal);
        foreach (string number in numbers)
        {
            builder.Declare(number, isNumber: true);
        }

        long line = 0, blank = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                blank++;
                continue;
            }

            if ((++accounting.Read & 65535) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (properties, error) = JsonLine.Read(text);
            if (properties is null)
            {
                accounting.Reject(line, null, RejectReason.MalformedRow, error!);
                continue;
            }

            var values = new List<(string Name, string Text)>();
            string? id = null;
            foreach (var (name, value, kind) in properties)
            {
                if (name == options.CustomerIdColumn)
                {
                    id = value;
                    continue;
                }

                if (!numbers.Contains(name) && kind != JsonValueKind.Null)
                {
                    // A property first seen with a JSON number is a number attribute: a later value that is not a
                    // finite number (1e400, "abc") rejects its row instead of turning the column into text.
                    builder.Declare(name, isNumber: kind == JsonValueKind.Number);
                }

                values.Add((name, value ?? ""));
            }

            accounting.Accept(builder, line, id ?? "", values);
        }

        return new Ingested<CustomerAttributes>(builder.Build(), accounting.Report(blank));
    }

    private int Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _columnIndex.TryGetValue(name, out int i)
            ? i
            : throw new ArgumentException($"There is no attribute '{Guard.Clip(name)}'; the table has: {string.Join(", ", Names.Take(20))}.", nameof(name));
    }

    /// <summary>Row checks of a contacts export on top of the shared <see cref="RowAccounting"/>.</summary>
    private sealed class Accounting(CustomerAttributeOptions options)
    {
        private readonly RowAccounting _rows = new(options.Policy, options.MaxErrorDetails);
        private readonly CultureInfo _culture = options.NumberCulture ?? CultureInfo.InvariantCulture;

        public long Read
        {
            get => _rows.Read;
            set => _rows.Read = value;
        }

        public void Reject(long line, string? column, RejectReason reason, string message) => _rows.Reject(line, column, reason, message);

        // Checks the whole row first, then stores it: a rejected row leaves nothing behind.
        public void Accept(CustomerAttributesBuilder builder, long line, string rawId, IEnumerable<(string Name, string Text)> values)
        {
            string id = rawId.Trim();
            if (id.Length == 0)
            {
                Reject(line, options.CustomerIdColumn, RejectReason.MissingCustomerId, "The customer id is empty.");
                return;
            }

            if (EventLogBuilder.TextProblem(id) is { } problem)
            {
                Reject(line, options.CustomerIdColumn, RejectReason.InvalidText, $"The customer id {problem}");
                return;
            }

            if (builder.HasRow(id))
            {
                Reject(line, options.CustomerIdColumn, RejectReason.Duplicate, $"Customer '{Guard.Clip(id)}' already has a row; a contacts export has one row per customer.");
                return;
            }

            var parsed = new List<(string Name, string? Text, double Number)>();
            foreach (var (name, raw) in values)
            {
                string text = raw.Trim();
                if (!builder.IsNumberColumn(name))
                {
                    if (!Guard.IsValidUnicode(text))
                    {
                        Reject(line, name, RejectReason.InvalidText, $"'{Guard.Clip(text)}' is not valid Unicode (a lone surrogate).");
                        return;
                    }

                    parsed.Add((name, text.Length == 0 ? null : text, double.NaN));
                    continue;
                }

                double number = double.NaN;
                if (text.Length > 0 && !double.TryParse(text, NumberStyles.Float, _culture, out number))
                {
                    Reject(line, name, RejectReason.BadNumber, $"'{Guard.Clip(text)}' is not a number.");
                    return;
                }

                if (text.Length > 0 && !double.IsFinite(number))
                {
                    Reject(line, name, RejectReason.NonFiniteValue, $"'{Guard.Clip(text)}' is not a finite number.");
                    return;
                }

                parsed.Add((name, null, number));
            }

            builder.Row(id);
            foreach (var (name, text, number) in parsed)
            {
                if (text is not null)
                {
                    builder.Set(id, name, text);
                }
                else if (!double.IsNaN(number))
                {
                    builder.Set(id, name, number);
                }
            }

            _rows.Accepted++;
        }

        public IngestReport Report(long blankLines) => _rows.Report(blankLines: blankLines);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Show.Count(Count)} customers × {Show.Count(Names.Count)} attributes ({string.Join(", ", Names.Take(8))}{(Names.Count > 8 ? ", …" : "")})";
}
