using System.Buffers.Binary;
using System.Security.Cryptography;

namespace JourneyKit.Internal;

/// <summary>
/// The envelope every saved JourneyKit state shares from its current format version on: a magic, a format version, the
/// payload's length and the payload, then the first <see cref="ChecksumBytes"/> of the SHA-256 of the payload. The length
/// makes the state self-delimiting in a stream (something may follow it); the checksum turns a flipped byte into a clear
/// <see cref="InvalidDataException"/> at load instead of a state that fails later.
/// </summary>
internal static class BinaryFrame
{
    /// <summary>The bytes of the payload's hash kept after it.</summary>
    public const int ChecksumBytes = 8;

    /// <summary>How much of an announced payload is read at a time: a corrupt length costs at most this much memory beyond what the stream holds.</summary>
    private const int ReadChunk = 1 << 20;

    /// <summary>Writes <paramref name="payload"/> framed: magic, version (Int32), length (Int64), payload, checksum.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> magic, int version, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(header, version);
        BinaryPrimitives.WriteInt64LittleEndian(header[4..], payload.Length);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        stream.Write(magic);
        stream.Write(header[..12]);
        stream.Write(payload);
        stream.Write(hash[..ChecksumBytes]);
    }

    /// <summary>
    /// Reads the magic and the version (the bytes every format version starts with).
    /// </summary>
    /// <exception cref="InvalidDataException">The stream does not start with <paramref name="magic"/> or ends first.</exception>
    public static int ReadVersion(Stream stream, ReadOnlySpan<byte> magic, string what, string magicText)
    {
        Span<byte> head = stackalloc byte[magic.Length + 4];
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length || !head[..magic.Length].SequenceEqual(magic))
        {
            throw new InvalidDataException($"The stream is not {what} (it does not start with '{magicText}').");
        }

        return BinaryPrimitives.ReadInt32LittleEndian(head[magic.Length..]);
    }

    /// <summary>Reads a framed payload after its version: the length, the payload (in chunks, so a corrupt length cannot allocate more than the stream holds) and its checksum.</summary>
    /// <exception cref="InvalidDataException">The payload is truncated or its checksum does not match.</exception>
    public static byte[] ReadPayload(Stream stream, string what)
    {
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) < 8)
        {
            throw new InvalidDataException($"{what} is truncated.");
        }

        long length = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (length < 0 || length > Array.MaxLength)
        {
            throw new InvalidDataException($"{what} is corrupt: it announces a payload of {length} bytes.");
        }

        if (stream.CanSeek && length > stream.Length - stream.Position)
        {
            throw new InvalidDataException($"{what} is truncated: it announces {length:N0} bytes, and {stream.Length - stream.Position:N0} follow.");
        }

        byte[] payload = new byte[Math.Min(length, ReadChunk)];
        int read = 0;
        while (read < length)
        {
            if (read == payload.Length)
            {
                Array.Resize(ref payload, (int)Math.Min(length, (long)payload.Length * 2));
            }

            int n = stream.Read(payload, read, payload.Length - read);
            if (n == 0)
            {
                throw new InvalidDataException($"{what} is truncated.");
            }

            read += n;
        }

        Span<byte> saved = stackalloc byte[ChecksumBytes];
        if (stream.ReadAtLeast(saved, ChecksumBytes, throwOnEndOfStream: false) < ChecksumBytes)
        {
            throw new InvalidDataException($"{what} is truncated (its checksum is missing).");
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        if (!hash[..ChecksumBytes].SequenceEqual(saved))
        {
            throw new InvalidDataException($"{what} is corrupt: its checksum does not match its contents.");
        }

        return payload;
    }

    /// <summary>Reads the rest of a stream (an older, unframed format); a seekable stream is put back just after what <paramref name="parse"/> consumed.</summary>
    public static T ReadUnframed<T>(Stream stream, Func<byte[], (T Value, int Consumed)> parse)
    {
        long start = stream.CanSeek ? stream.Position : 0;
        using var rest = new MemoryStream();
        stream.CopyTo(rest);
        byte[] data = rest.ToArray();
        (T value, int consumed) = parse(data);
        if (stream.CanSeek)
        {
            stream.Position = start + consumed;
        }

        return value;
    }
}
