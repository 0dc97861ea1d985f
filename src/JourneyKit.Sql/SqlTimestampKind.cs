namespace JourneyKit.Sql;

/// <summary>How an event table stores the moment of each event.</summary>
public enum SqlTimestampKind
{
    /// <summary>A <c>TIMESTAMP WITH TIME ZONE</c> (<c>TIMESTAMPTZ</c>) column: an absolute instant. The default.</summary>
    TimestampWithTimeZone = 0,

    /// <summary>A <c>TIMESTAMP</c> column without a zone, read as UTC (the wall-clock value is taken to be UTC time).</summary>
    Timestamp = 1,

    /// <summary>A <c>BIGINT</c> column of microseconds since 1970-01-01T00:00:00Z.</summary>
    EpochMicroseconds = 2,
}
