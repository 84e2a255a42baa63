namespace MetaLoss.Host.Security;

/// <summary>Files holding keys and passwords: created only when absent, readable by their owner alone.</summary>
public static class SecretFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes a new file with mode 0600 from the start; an existing file is never replaced.</summary>
    public static void Create(string path, ReadOnlySpan<byte> content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        using var file = new FileStream(path, options);
        file.Write(content);
        file.Flush(flushToDisk: true);
    }

    /// <summary>A password file's first line: what `cert create` wrote, or a password a user put there with `echo`.</summary>
    public static string ReadPassword(string path)
    {
        var password = File.ReadLines(path).FirstOrDefault()?.TrimEnd('\r') ?? "";
        if (password.Length == 0) throw new InvalidDataException($"{path} is empty: it should hold the password on its first line");
        return password;
    }
}
