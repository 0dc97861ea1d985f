using System.Buffers.Binary;
using System.Text;

namespace JourneyKit.Internal;

/// <summary>
/// Builds a saved state's payload in memory (numbers as zigzag varints, strings as a varint byte count and UTF-8, fixed
/// widths little-endian), to be framed by <see cref="BinaryFrame"/>. One writer per thread is reused: a grain per
/// customer saves its monitor with every batch.
/// </summary>
internal sealed class SnapshotWriter
{
    [ThreadStatic]
    private static SnapshotWriter? t_current;

    private byte[] _buffer = new byte[256];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Gets the size of the buffer, which a writer kept for reuse keeps.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>This thread's writer, emptied; a writer that grew past a megabyte is replaced so that one huge save does not pin its buffer for good.</summary>
    public static SnapshotWriter ForThisThread()
    {
        var writer = t_current;
        if (writer is null || writer._buffer.Length > 1 << 20)
        {
            t_current = writer = new SnapshotWriter();
        }

        writer.Length = 0;
        return writer;
    }

    /// <summary>Empties the writer, keeping its buffer.</summary>
    public void Clear() => Length = 0;

    public void Byte(byte value) => Reserve(1)[0] = value;

    /// <summary>An unsigned number as a plain 7-bit varint (as <see cref="BinaryWriter.Write7BitEncodedInt(int)"/> writes a non-negative int).</summary>
    public void Unsigned(uint value)
    {
        while (value >= 0x80)
        {
            Byte((byte)(value | 0x80));
            value >>= 7;
        }

        Byte((byte)value);
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void Bytes(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

    public void Int32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void Double(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    /// <summary>A signed number as a zigzag varint: small magnitudes (and −1) take one byte.</summary>
    public void Number(long value)
    {
        ulong v = (ulong)((value << 1) ^ (value >> 63));
        Span<byte> span = Reserve(10);
        int n = 0;
        while (v >= 0x80)
        {
            span[n++] = (byte)(v | 0x80);
            v >>= 7;
        }

        span[n++] = (byte)v;
        Length -= 10 - n;
    }

    /// <summary>A string as <see cref="BinaryWriter"/> writes one: a 7-bit encoded UTF-8 byte count, then the bytes.</summary>
    public void String(string value)
    {
        int bytes = Encoding.UTF8.GetByteCount(value);
        uint v = (uint)bytes;
        while (v >= 0x80)
        {
            Byte((byte)(v | 0x80));
            v >>= 7;
        }

        Byte((byte)v);
        Encoding.UTF8.GetBytes(value, Reserve(bytes));
    }

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }

        Span<byte> span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
