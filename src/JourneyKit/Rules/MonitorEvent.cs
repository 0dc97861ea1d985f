using System.Runtime.InteropServices;
using JourneyKit.Events;

namespace JourneyKit.Rules;

/// <summary>An event as a monitor keeps it while it waits for the watermark: ticks and the ids of the monitor's label tables (−1 for no channel or stage; NaN for no value or feedback).</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct MonitorEvent(long Ticks, int Customer, int Touchpoint, int Channel, int Stage, EventOutcome Outcome, double Value, double Feedback);
