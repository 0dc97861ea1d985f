using JourneyKit.Events;

namespace JourneyKit.Rules;

/// <summary>An event reached a <see cref="JourneyMonitor"/> at or before its watermark under <see cref="LateEventPolicy.Throw"/>; it was not applied, and the monitor is unchanged.</summary>
public sealed class LateEventException : InvalidOperationException
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="lateEvent">The event.</param>
    /// <param name="watermark">The monitor's watermark when it arrived.</param>
    /// <param name="message">The message.</param>
    public LateEventException(JourneyEvent lateEvent, DateTimeOffset watermark, string message)
        : base(message)
    {
        Event = lateEvent;
        Watermark = watermark;
    }

    /// <summary>Initializes the exception with a default message.</summary>
    public LateEventException()
        : base("An event arrived at or before the monitor's watermark.")
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public LateEventException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LateEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the late event.</summary>
    public JourneyEvent Event { get; }

    /// <summary>Gets the watermark it arrived at or before.</summary>
    public DateTimeOffset Watermark { get; }
}
