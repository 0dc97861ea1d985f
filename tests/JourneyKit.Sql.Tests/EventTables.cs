using System.Data.Common;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;

namespace JourneyKit.Sql.Tests;

/// <summary>
/// Loads test rows into a real engine as a table <c>(customer_id, ts_tz TIMESTAMPTZ, ts_plain TIMESTAMP, ts_us BIGINT,
/// touchpoint, channel, stage, outcome, value, feedback, seq)</c>: the same instant in the three timestamp kinds.
/// </summary>
public static class EventTables
{
    public static void Load(DbConnection connection, string table, IEnumerable<TestRow> rows)
    {
        switch (connection)
        {
            case DuckDBConnection duck:
                LoadDuckDb(duck, table, rows);
                break;
            case NpgsqlConnection pg:
                LoadPostgres(pg, table, rows);
                break;
            default:
                throw new NotSupportedException(connection.GetType().Name);
        }
    }

    public static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string ScalarText(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static void LoadDuckDb(DuckDBConnection connection, string table, IEnumerable<TestRow> rows)
    {
        string q = SqlDialect.DuckDb.QuoteIdentifier(table);
        Execute(connection, "DROP TABLE IF EXISTS jk_staging");
        Execute(connection, "CREATE TABLE jk_staging (customer_id VARCHAR, ts_us BIGINT, touchpoint VARCHAR, channel VARCHAR, stage VARCHAR, outcome VARCHAR, value DOUBLE, feedback DOUBLE, seq BIGINT)");
        using (var appender = connection.CreateAppender("jk_staging"))
        {
            foreach (var r in rows)
            {
                appender.CreateRow().AppendValue(r.Customer).AppendValue(r.Micros).AppendValue(r.Touchpoint).AppendValue(r.Channel).AppendValue(r.Stage)
                    .AppendValue(r.Outcome).AppendValue(r.Value).AppendValue(r.Feedback).AppendValue(r.Seq).EndRow();
            }
        }

        Execute(connection, $"""
            CREATE OR REPLACE TABLE {q} AS
            SELECT customer_id, TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(ts_us) AS ts_tz, make_timestamp(ts_us) AS ts_plain, ts_us,
                   touchpoint, channel, stage, outcome, value, feedback, seq
            FROM jk_staging
            """);
        Execute(connection, "DROP TABLE jk_staging");
    }

    private static void LoadPostgres(NpgsqlConnection connection, string table, IEnumerable<TestRow> rows)
    {
        string q = SqlDialect.PostgreSql.QuoteIdentifier(table);
        Execute(connection, $"DROP TABLE IF EXISTS {q}");
        Execute(connection, $"CREATE TABLE {q} (customer_id TEXT, ts_tz TIMESTAMPTZ, ts_plain TIMESTAMP, ts_us BIGINT, touchpoint TEXT, channel TEXT, stage TEXT, outcome TEXT, value DOUBLE PRECISION, feedback DOUBLE PRECISION, seq BIGINT)");
        using var importer = connection.BeginBinaryImport($"COPY {q} FROM STDIN (FORMAT BINARY)");
        foreach (var r in rows)
        {
            var utc = new DateTime(DateTime.UnixEpoch.Ticks + (r.Micros * 10), DateTimeKind.Utc);
            importer.StartRow();
            importer.Write(r.Customer, NpgsqlDbType.Text);
            importer.Write(utc, NpgsqlDbType.TimestampTz);
            importer.Write(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
            importer.Write(r.Micros, NpgsqlDbType.Bigint);
            importer.Write(r.Touchpoint, NpgsqlDbType.Text);
            WriteOrNull(importer, r.Channel, NpgsqlDbType.Text);
            WriteOrNull(importer, r.Stage, NpgsqlDbType.Text);
            WriteOrNull(importer, r.Outcome, NpgsqlDbType.Text);
            WriteOrNull(importer, r.Value, NpgsqlDbType.Double);
            WriteOrNull(importer, r.Feedback, NpgsqlDbType.Double);
            importer.Write(r.Seq, NpgsqlDbType.Bigint);
        }

        importer.Complete();
    }

    private static void WriteOrNull<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }
    }

    public static SqlEventTable Mapping(string table, SqlTimestampKind kind = SqlTimestampKind.TimestampWithTimeZone) => new(table)
    {
        CustomerColumn = "customer_id",
        TimestampColumn = kind switch { SqlTimestampKind.Timestamp => "ts_plain", SqlTimestampKind.EpochMicroseconds => "ts_us", _ => "ts_tz" },
        TimestampKind = kind,
        TouchpointColumn = "touchpoint",
        ChannelColumn = "channel",
        StageColumn = "stage",
        OutcomeColumn = "outcome",
        ValueColumn = "value",
        FeedbackColumn = "feedback",
        OrderColumn = "seq",
    };
}
