using DuckDB.NET.Data;
using JourneyKit.Events;
using JourneyKit.Sql;

namespace JourneyKit.Benchmarks;

/// <summary>Event tables for the SQL benchmarks, shaped as a user's: text ids and labels, a TIMESTAMPTZ, a sequence tiebreak.</summary>
public static class SqlBenchmarkTables
{
    public static void Load(DuckDBConnection connection, EventLog log, string table)
    {
        Execute(connection, "CREATE OR REPLACE TABLE jk_staging (customer_id VARCHAR, ts_us BIGINT, touchpoint VARCHAR, stage VARCHAR, outcome VARCHAR, seq BIGINT)");
        using (var appender = connection.CreateAppender("jk_staging"))
        {
            var ticks = log.UtcTicks;
            var touchpoints = log.TouchpointIds;
            var stages = log.StageIds;
            var outcomes = log.Outcomes;
            for (int c = 0; c < log.CustomerCount; c++)
            {
                string customer = log.CustomerIds[c];
                for (int k = log.CustomerOffsets[c]; k < log.CustomerOffsets[c + 1]; k++)
                {
                    appender.CreateRow()
                        .AppendValue(customer)
                        .AppendValue((ticks[k] - DateTime.UnixEpoch.Ticks) / 10)
                        .AppendValue(log.TouchpointNames[touchpoints[k]])
                        .AppendValue(stages[k] >= 0 ? log.StageNames[stages[k]] : null)
                        .AppendValue(outcomes[k] == EventOutcome.Conversion ? "conversion" : null)
                        .AppendValue((long)k)
                        .EndRow();
                }
            }
        }

        Execute(connection, $"""
            CREATE OR REPLACE TABLE {table} AS
            SELECT customer_id, TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(ts_us) AS ts, touchpoint, stage, outcome, seq FROM jk_staging
            """);
        Execute(connection, "DROP TABLE jk_staging");
    }

    public static SqlEventTable Mapping(string table) => new(table)
    {
        TimestampColumn = "ts",
        StageColumn = "stage",
        OutcomeColumn = "outcome",
        OrderColumn = "seq",
    };

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
