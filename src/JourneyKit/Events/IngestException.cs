namespace JourneyKit.Events;

/// <summary>Thrown under <see cref="IngestPolicy.Strict"/> at the first bad row.</summary>
public sealed class IngestException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public IngestException()
        : this("An input row was rejected.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public IngestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IngestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a rejected row.</summary>
    /// <param name="row">The rejected row.</param>
    public IngestException(RejectedRow row)
        : base($"Rejected input {row?.ToString() ?? "row"}")
    {
        Row = row;
    }

    /// <summary>Gets the rejected row, when the exception concerns one.</summary>
    public RejectedRow? Row { get; }
}
