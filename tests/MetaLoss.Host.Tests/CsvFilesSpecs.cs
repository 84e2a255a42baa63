using System.Text;

namespace MetaLoss.Host.Tests;

public class CsvFilesSpecs
{
    [Fact]
    public void Should_quote_only_fields_that_need_it_and_end_lines_with_lf()
    {
        var text = Encoding.UTF8.GetString(CsvFiles.Bytes(csv =>
        {
            csv.WriteRecord(["name", "note"]);
            csv.WriteRecord(["CE lr 0.1, cosine", "says \"hi\""]);
            csv.WriteRecord(["-plain", ""]);
        }));

        Assert.Equal("name,note\n\"CE lr 0.1, cosine\",\"says \"\"hi\"\"\"\n-plain,\n", text);
    }

    [Fact]
    public void Should_write_numbers_in_invariant_round_trip_form_and_booleans_in_lower_case()
    {
        var text = Encoding.UTF8.GetString(CsvFiles.Bytes(csv =>
        {
            csv.WriteField(0.1 + 0.2);
            csv.WriteField(-1e-300);
            csv.WriteField(double.NaN);
            csv.WriteField((double?)null);
            csv.WriteField(42);
            csv.WriteField(true);
            csv.EndRecord();
        }));

        Assert.Equal("0.30000000000000004,-1E-300,NaN,,42,true\n", text);
        Assert.Equal(0.1 + 0.2, double.Parse(text.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));
    }
}
