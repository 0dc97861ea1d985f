namespace JourneyKit.Events;

/// <summary>How readers read a date written with numbers and separators (<c>03/01/2026</c>, <c>01.03.2026</c>), which is ambiguous without it.</summary>
public enum DateOrder
{
    /// <summary>Day, month, year: <c>03/01/2026</c> is 3 January 2026 (most of Europe, Latin America, Asia).</summary>
    DayMonthYear = 1,

    /// <summary>Month, day, year: <c>03/01/2026</c> is 1 March 2026 (the United States).</summary>
    MonthDayYear = 2,
}
