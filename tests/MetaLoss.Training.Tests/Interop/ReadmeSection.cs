namespace MetaLoss.Training.Tests.Interop;

/// <summary>The code blocks of one section of the repository's README, so that tests run what users read.</summary>
public static class ReadmeSection
{
    public const string UsingALearnedLoss = "Using a learned loss in your own training";

    /// <summary>The one fenced block of <paramref name="language"/> in the section headed <paramref name="heading"/>.</summary>
    public static string CodeBlock(string heading, string language)
    {
        var lines = File.ReadAllLines(Path.Combine(TestData.RepoRoot, "README.md"));
        var start = Array.IndexOf(lines, $"## {heading}");
        Assert.True(start >= 0, $"README.md has no section '## {heading}'");
        var section = lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("## ")).ToList();
        var blocks = new List<string>();
        for (var i = 0; i < section.Count; i++)
        {
            if (section[i] != $"```{language}") continue;
            var body = section.Skip(i + 1).TakeWhile(line => line != "```").ToList();
            blocks.Add(string.Join("\n", body) + "\n");
            i += body.Count + 1;
        }
        Assert.True(blocks.Count == 1, $"README.md's section '{heading}' has {blocks.Count} {language} blocks, expected one");
        return blocks[0];
    }
}
