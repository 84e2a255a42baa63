using System.Runtime.InteropServices;

namespace MetaLoss.Actors.Serialization;

/// <summary>
/// Building blocks of the wire format: counts, lists, optional values, enums and raw float vectors.
/// Readers throw <see cref="InvalidDataException"/> on malformed input; the serializer turns that into
/// a <see cref="System.Runtime.Serialization.SerializationException"/> naming the manifest.
/// </summary>
internal static class BinaryFormat
{
    /// <summary>
    /// Length, then the floats' raw bytes, so every bit (NaN payloads, negative zero) survives.
    /// BinaryWriter is little-endian, and so is every platform .NET 10 runs MetaLoss on, so the
    /// raw bytes agree with the rest of the format.
    /// </summary>
    public static void WriteFloats(this BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public static float[] ReadFloats(this BinaryReader reader)
    {
        var values = new float[reader.ReadCount(sizeof(float))];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>Length, then the doubles' raw bytes, as <see cref="WriteFloats"/>.</summary>
    public static void WriteDoubles(this BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public static double[] ReadDoubles(this BinaryReader reader)
    {
        var values = new double[reader.ReadCount(sizeof(double))];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    public static void WriteList<T>(this BinaryWriter writer, IReadOnlyList<T> items, Action<BinaryWriter, T> write)
    {
        writer.Write(items.Count);
        foreach (var item in items) write(writer, item);
    }

    public static T[] ReadList<T>(this BinaryReader reader, Func<BinaryReader, T> read)
    {
        var items = new T[reader.ReadCount(1)];
        for (var i = 0; i < items.Length; i++) items[i] = read(reader);
        return items;
    }

    public static void WriteInts(this BinaryWriter writer, IReadOnlyList<int> items) =>
        writer.WriteList(items, (w, item) => w.Write(item));

    public static int[] ReadInts(this BinaryReader reader) => reader.ReadList(r => r.ReadInt32());

    /// <summary>A presence byte, then the value if there is one.</summary>
    public static void WriteOptional<T>(this BinaryWriter writer, T? value, Action<BinaryWriter, T> write) where T : class
    {
        writer.Write(value is not null);
        if (value is not null) write(writer, value);
    }

    public static T? ReadOptional<T>(this BinaryReader reader, Func<BinaryReader, T> read) where T : class =>
        reader.ReadPresence() ? read(reader) : null;

    public static void WriteOptional(this BinaryWriter writer, double? value)
    {
        writer.Write(value.HasValue);
        if (value is { } present) writer.Write(present);
    }

    public static double? ReadOptionalDouble(this BinaryReader reader) =>
        reader.ReadPresence() ? reader.ReadDouble() : null;

    /// <summary>Enums travel by name: reordering members must not silently change persisted events.</summary>
    public static void WriteEnum<T>(this BinaryWriter writer, T value) where T : struct, Enum =>
        writer.Write(value.ToString());

    public static T ReadEnum<T>(this BinaryReader reader) where T : struct, Enum
    {
        var name = reader.ReadString();
        return Enum.TryParse<T>(name, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"'{name}' is not a {typeof(T).Name}");
    }

    /// <summary>A count, checked against the bytes left so corrupt input cannot ask for a huge array.</summary>
    private static int ReadCount(this BinaryReader reader, int minimumElementSize)
    {
        var count = reader.ReadInt32();
        var left = reader.BaseStream.Length - reader.BaseStream.Position;
        return count >= 0 && (long)count * minimumElementSize <= left
            ? count
            : throw new InvalidDataException($"a count of {count} does not fit in the {left} bytes left");
    }

    private static bool ReadPresence(this BinaryReader reader) => reader.ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new InvalidDataException($"presence byte {other} is neither 0 nor 1"),
    };
}
