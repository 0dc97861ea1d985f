namespace JourneyKit.Internal;

/// <summary>Cancellation checks for loops over caller-supplied sequences.</summary>
internal static class Cancellation
{
    /// <summary>Yields <paramref name="source"/>, checking <paramref name="cancellationToken"/> before the first item and every 1,024 items.</summary>
    internal static IEnumerable<T> Checked<T>(this IEnumerable<T> source, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return source;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Iterate(source, cancellationToken);

        static IEnumerable<T> Iterate(IEnumerable<T> source, CancellationToken cancellationToken)
        {
            int n = 0;
            foreach (var item in source)
            {
                if ((++n & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                yield return item;
            }
        }
    }
}
