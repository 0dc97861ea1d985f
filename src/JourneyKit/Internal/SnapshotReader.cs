using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace JourneyKit.Internal;

/// <summary>
/// Reads a saved state from memory with every number checked: a count can never exceed what the bytes left could hold
/// (so a corrupt count is an error, not an allocation of gigabytes), strings must be valid UTF-8, times must be
/// representable, enums defined. Every failure is an <see cref="InvalidDataException"/> that names the state.
/// </summary>
internal sealed class SnapshotReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[] _data;
    private readonly int _end;

    /// <param name="data">The bytes.</param>
    /// <param name="what">The state in messages, e.g. "The monitor snapshot".</param>
    public SnapshotReader(byte[] data, string what)
    {
        _data = data;
        _end = data.Length;
        What = what;
    }

    public string What { get; }

    public int Position { get; private set; }

    public int Remaining => _end - Position;

    public byte Byte() => Take(1)[0];

    public bool Bool()
    {
        byte b = Byte();
        return b <= 1 ? b == 1 : throw Corrupt($"a flag reads {b}");
    }

    public ReadOnlySpan<byte> Bytes(int count) => Take(count);

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>A zigzag varint as <see cref="SnapshotWriter.Number"/> writes it.</summary>
    public long Number()
    {
        ulong v = Varint(63, "a number runs past 64 bits");
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    /// <summary>A plain 7-bit varint as <see cref="SnapshotWriter.Unsigned"/> (and <see cref="BinaryWriter"/>) writes one: 0 to 2³² − 1.</summary>
    public long Unsigned()
    {
        ulong v = Varint(28, "a count or index runs past 32 bits");
        return v <= uint.MaxValue ? (long)v : throw Corrupt("a count or index runs past 32 bits");
    }

    // A 7-bit varint whose last byte starts at most maxShift bits in.
    private ulong Varint(int maxShift, string tooLong)
    {
        ulong v = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > maxShift)
            {
                throw Corrupt(tooLong);
            }

            byte b = Byte();
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return v;
            }
        }
    }

    /// <summary>A number that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Number(int min, int max, string field)
    {
        long v = Number();
        return v >= min && v <= max ? (int)v : throw Corrupt(string.Create(CultureInfo.InvariantCulture, $"{field} is {v}, outside {min}..{max}"));
    }

    /// <summary>A count of items that take at least <paramref name="minBytesEach"/> bytes each: never more than the bytes left could hold.</summary>
    public int Count(long count, int minBytesEach, string what) =>
        count >= 0 && count <= Remaining / Math.Max(minBytesEach, 1)
            ? (int)count
            : throw Corrupt(string.Create(CultureInfo.InvariantCulture, $"it claims {count} {what} in the {Remaining} bytes left"));

    /// <summary>UTC ticks of a representable instant.</summary>
    public long Ticks(long ticks, string field) =>
        ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? ticks
            : throw Corrupt(string.Create(CultureInfo.InvariantCulture, $"{field} is {ticks} ticks, not a time between years 1 and 9999"));

    /// <summary>A string as <see cref="BinaryWriter"/> (and <see cref="SnapshotWriter.String"/>) writes one.</summary>
    public string String()
    {
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > 28)
            {
                throw Corrupt("a string length is malformed");
            }

            byte b = Byte();
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        if (length < 0 || length > Remaining)
        {
            throw Corrupt(string.Create(CultureInfo.InvariantCulture, $"a string of {length} bytes is announced with {Remaining} left"));
        }

        try
        {
            return StrictUtf8.GetString(Take(length));
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"{What} is corrupt: a label is not valid UTF-8.", ex);
        }
    }

    /// <summary>Checks the next bytes.</summary>
    public void Expect(ReadOnlySpan<byte> bytes, string message)
    {
        if (Remaining < bytes.Length || !_data.AsSpan(Position, bytes.Length).SequenceEqual(bytes))
        {
            throw new InvalidDataException(message);
        }

        Position += bytes.Length;
    }

    /// <summary>Fails unless a condition holds.</summary>
    public void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw Corrupt(what);
        }
    }

    public InvalidDataException Corrupt(string detail) => new($"{What} is corrupt: {detail}.");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw new InvalidDataException($"{What} is truncated.");
        }

        var span = new ReadOnlySpan<byte>(_data, Position, count);
        Position += count;
        return span;
    }
}
