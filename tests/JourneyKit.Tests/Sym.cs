namespace JourneyKit.Tests;

/// <summary>
/// A small alphabet of states or channels for property tests: FsCheck generates and shrinks enums and arrays of them
/// natively, so a failing case shrinks to a minimal set of short sequences (an <c>int seed</c> shrinks to nothing useful).
/// </summary>
public enum Sym
{
    A,
    B,
    C,
    D,
}
