namespace MetaLoss.Host.Configuration;

/// <summary>
/// A password kept in a file instead of the command line (where `ps` shows it to every user). Like
/// ssh keys and ~/.pgpass, the file must be private to its owner: mode 0600 or stricter.
/// </summary>
public static class PasswordFile
{
    private const UnixFileMode OthersMayAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The file's first line (a trailing newline is not part of the password).</summary>
    public static string Read(string option, string path)
    {
        if (Directory.Exists(path)) throw new ArgumentException($"{option} {path}: is a directory, not a file");
        if (!File.Exists(path)) throw new ArgumentException($"{option} {path}: no such file");
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & OthersMayAccess) != 0)
                throw new ArgumentException($"{option} {path}: other users may read or change it (mode {Octal(mode)}); " +
                                            $"it must be 0600 or stricter: chmod 600 {path}");
        }
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{option} {path}: cannot read it ({e.Message})");
        }
        var password = text.Split('\n', 2)[0].TrimEnd('\r');
        if (password.Length == 0) throw new ArgumentException($"{option} {path}: the first line is empty; put the password on it");
        return password;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
