using System.Data.Common;
using System.Threading.Channels;

namespace JourneyKit.Sql;

/// <summary>
/// Rows of the columnar read's event query on their way from the database's reader to <see cref="ColumnarImport"/>:
/// the reader's thread fills a batch while another thread places the ones before. A streamed DuckDB query runs on the
/// thread that reads it, so reading and placing on one thread left the second core idle for the longest phase of an
/// import.
/// </summary>
internal sealed class ColumnarBatch
{
    // Rows a batch holds; small enough that the batches in flight stay in cache, large enough that handing one over is rare.
    public const int Rows = 1 << 14;

    // Batches in flight: one being filled, the rest queued or being placed.
    public const int InFlight = 4;

    private ColumnarBatch(bool value, bool feedback, bool order)
    {
        Customer = new int[Rows];
        Micros = new long[Rows];
        Packed = new long[Rows];
        Value = value ? new double[Rows] : [];
        Feedback = feedback ? new double[Rows] : [];
        Order = order ? new long[Rows] : [];
    }

    public int[] Customer { get; }

    public long[] Micros { get; }

    public long[] Packed { get; }

    // Empty when the table has no such column (the import then writes NaN, or long.MaxValue for the order).
    public double[] Value { get; }

    public double[] Feedback { get; }

    public long[] Order { get; }

    public int Count { get; set; }

    /// <summary>
    /// Reads the event query's rows into batches on this thread and places them into <paramref name="import"/> on a
    /// second, in the order read (a journey's rows keep their order of arrival, as when placed on one thread). The
    /// columns: customer id, µs, packed labels, then value, feedback and order for those the table maps, in that order.
    /// A failure to place (the table changed during the read) ends the read and is the exception thrown; whatever ends
    /// it, nothing writes into the import once this returns.
    /// </summary>
    public static async Task ReadAndPlaceAsync(DbDataReader reader, ColumnarImport import, bool value, bool feedback, bool order, CancellationToken cancellationToken)
    {
        var empty = System.Threading.Channels.Channel.CreateBounded<ColumnarBatch>(InFlight);
        var full = System.Threading.Channels.Channel.CreateBounded<ColumnarBatch>(InFlight);
        for (int i = 0; i < InFlight; i++)
        {
            empty.Writer.TryWrite(new ColumnarBatch(value, feedback, order));
        }

        var placer = Task.Run(() => PlaceAllAsync(import, full.Reader, empty.Writer), CancellationToken.None);
        try
        {
            await FillAllAsync(reader, empty.Reader, full.Writer, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The placer failed and closed the empty batches' queue: its exception follows.
        }
        finally
        {
            full.Writer.TryComplete();
            // Waited for whatever ended the read (its exception, if any, replaces the reader's).
            await placer.ConfigureAwait(false);
        }
    }

    // Read, not ReadAsync: the database runs in this process, so there is no I/O to wait for between rows. NULL numbers
    // become NaN, a NULL order value long.MaxValue (NULLS LAST).
    private static async Task FillAllAsync(DbDataReader reader, ChannelReader<ColumnarBatch> empty, ChannelWriter<ColumnarBatch> full, CancellationToken cancellationToken)
    {
        var batch = await empty.ReadAsync(cancellationToken).ConfigureAwait(false);
        bool value = batch.Value.Length > 0, feedback = batch.Feedback.Length > 0, order = batch.Order.Length > 0;
        int valueAt = 3, feedbackAt = value ? 4 : 3, orderAt = 3 + (value ? 1 : 0) + (feedback ? 1 : 0);
        while (reader.Read())
        {
            int i = batch.Count++;
            batch.Customer[i] = reader.GetInt32(0);
            batch.Micros[i] = reader.GetInt64(1);
            batch.Packed[i] = reader.GetInt64(2);
            if (value)
            {
                batch.Value[i] = reader.IsDBNull(valueAt) ? double.NaN : reader.GetDouble(valueAt);
            }

            if (feedback)
            {
                batch.Feedback[i] = reader.IsDBNull(feedbackAt) ? double.NaN : reader.GetDouble(feedbackAt);
            }

            if (order)
            {
                batch.Order[i] = reader.IsDBNull(orderAt) ? long.MaxValue : reader.GetInt64(orderAt);
            }

            if (batch.Count == Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await full.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                batch = await empty.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (batch.Count > 0)
        {
            await full.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task PlaceAllAsync(ColumnarImport import, ChannelReader<ColumnarBatch> full, ChannelWriter<ColumnarBatch> empty)
    {
        try
        {
            await foreach (var batch in full.ReadAllAsync().ConfigureAwait(false))
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    import.Place(
                        batch.Customer[i],
                        batch.Micros[i],
                        batch.Packed[i],
                        batch.Value.Length == 0 ? double.NaN : batch.Value[i],
                        batch.Feedback.Length == 0 ? double.NaN : batch.Feedback[i],
                        batch.Order.Length == 0 ? long.MaxValue : batch.Order[i]);
                }

                batch.Count = 0;
                empty.TryWrite(batch);
            }
        }
        catch (Exception failure)
        {
            // The reader can wait only for an empty batch (the queue of full ones has room for every batch there is).
            empty.TryComplete(failure);
            throw;
        }
    }
}
