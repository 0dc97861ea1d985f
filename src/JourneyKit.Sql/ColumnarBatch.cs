using System.Threading.Channels;

namespace JourneyKit.Sql;

/// <summary>
/// Rows of the columnar read's event query on their way from the database's reader to <see cref="ColumnarImport"/>:
/// the reader's thread fills a batch while another thread places the one before. A streamed DuckDB query runs on the
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
    /// Places every row <paramref name="fill"/> hands over on a second thread, in the order filled (a journey's rows
    /// keep their order of arrival, as when placed on one thread). <paramref name="fill"/> is given a function that
    /// returns an empty batch to fill and one that queues a full one; a failure to place (the table changed during
    /// the read) ends the read and is the exception thrown.
    /// </summary>
    public static async Task PlaceAsync(
        ColumnarImport import,
        bool value,
        bool feedback,
        bool order,
        Func<Func<ValueTask<ColumnarBatch>>, Func<ColumnarBatch, ValueTask>, Task> fill,
        CancellationToken cancellationToken)
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
            await fill(
                () => empty.Reader.ReadAsync(cancellationToken),
                batch => batch.Count == 0 ? ValueTask.CompletedTask : full.Writer.WriteAsync(batch, cancellationToken)).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The placer failed and closed the empty batches' queue: its exception follows.
        }
        finally
        {
            full.Writer.TryComplete();
            // Waited for whatever ended the read (its exception, if any, replaces the reader's): nothing may still
            // write into the import's arrays once this returns.
            await placer.ConfigureAwait(false);
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
