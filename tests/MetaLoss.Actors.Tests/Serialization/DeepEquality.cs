using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MetaLoss.Actors.Tests.Serialization;

/// <summary>
/// Field-by-field equality for our records, which compare arrays and lists by reference. Floats and
/// doubles must match bit for bit; dictionaries must hold the same keys with equal values.
/// </summary>
internal static class DeepEquality
{
    public static void AssertEqual(object? expected, object? actual) => Compare(expected, actual, "value");

    private static void Compare(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Check(expected is null && actual is null, path, expected, actual);
            return;
        }
        switch (expected)
        {
            case float e:
                CheckBits(BitConverter.SingleToUInt32Bits(e), actual is float f ? BitConverter.SingleToUInt32Bits(f) : null, path, actual);
                break;
            case double e:
                CheckBits(BitConverter.DoubleToUInt64Bits(e), actual is double d ? BitConverter.DoubleToUInt64Bits(d) : null, path, actual);
                break;
            case string or bool or int or long or ulong or Enum:
                Check(expected.Equals(actual), path, expected, actual);
                break;
            case ITuple e when actual is ITuple tuple:
                Check(e.Length == tuple.Length, path + ".Length", e.Length, tuple.Length);
                for (var i = 0; i < e.Length; i++) Compare(e[i], tuple[i], $"{path}.Item{i + 1}");
                break;
            case IDictionary e when actual is IDictionary dictionary:
                Check(e.Count == dictionary.Count, path + ".Count", e.Count, dictionary.Count);
                foreach (var key in e.Keys)
                {
                    Check(dictionary.Contains(key), $"{path}[{key}]", "present", "missing");
                    Compare(e[key], dictionary[key], $"{path}[{key}]");
                }
                break;
            case IEnumerable e when actual is IEnumerable sequence:
                var expectedItems = e.Cast<object?>().ToList();
                var actualItems = sequence.Cast<object?>().ToList();
                Check(expectedItems.Count == actualItems.Count, path + ".Count", expectedItems.Count, actualItems.Count);
                for (var i = 0; i < expectedItems.Count; i++) Compare(expectedItems[i], actualItems[i], $"{path}[{i}]");
                break;
            default:
                CompareProperties(expected, actual, path);
                break;
        }
    }

    private static void CompareProperties(object expected, object actual, string path)
    {
        var type = expected.GetType();
        Check(type == actual.GetType(), path + " type", type, actual.GetType());
        // Walking foreign types could pass for reasons unrelated to our data; refuse instead.
        if (type.Namespace?.StartsWith("MetaLoss.", StringComparison.Ordinal) != true)
            Assert.Fail($"{path}: no comparison for {type.FullName}");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0)
                Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }

    private static void Check(bool equal, string path, object? expected, object? actual)
    {
        if (!equal) Assert.Fail($"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
    }

    private static void CheckBits(ulong expected, ulong? actual, string path, object actualValue) =>
        Check(expected == actual, path + " bits", $"0x{expected:X}", $"{actualValue} (0x{actual:X})");
}
