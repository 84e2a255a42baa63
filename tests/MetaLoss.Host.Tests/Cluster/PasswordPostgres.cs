using System.Diagnostics;
using System.Runtime.Versioning;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>
/// A throwaway PostgreSQL of its own that demands a password (SCRAM), unlike the shared test server
/// (trust): only a server that asks shows whether the password really reaches it. Set up as
/// scripts/start-test-postgres does, on a free loopback port; stopped and removed on dispose.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PasswordPostgres : IDisposable
{
    public const string User = "postgres";

    private readonly string _directory;
    private readonly string _bin;
    private readonly string[] _asOwner;

    public PasswordPostgres()
    {
        _bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                   .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderBy(b => b).LastOrDefault()
               ?? throw new InvalidOperationException("no PostgreSQL under /usr/lib/postgresql (scripts/setup postgresql installs it)");
        _directory = Directory.CreateTempSubdirectory("metaloss-pgpass.").FullName;
        File.SetUnixFileMode(_directory, (UnixFileMode)0b111_101_101);
        // PostgreSQL refuses to run as root: as root, the cluster belongs to the package's `postgres` user.
        _asOwner = Environment.UserName == "root" ? ["runuser", "-u", "postgres", "--"] : [];
        var passwordFile = Path.Combine(_directory, "initial-password");
        File.WriteAllText(passwordFile, Password);
        if (_asOwner.Length > 0) Run("chown", "-R", "postgres:postgres", _directory);
        RunAsOwner(Path.Combine(_bin, "initdb"), "-D", DataDirectory, "-U", User, "--auth=scram-sha-256",
            $"--pwfile={passwordFile}", "-E", "UTF8", "--no-sync");
        File.Delete(passwordFile);
        Port = ClusterRun.FreePort();
        RunAsOwner(Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-l", Path.Combine(_directory, "log"), "-w", "-t", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off", "start");
    }

    /// <summary>A password with characters that need care in URLs, HOCON and connection strings.</summary>
    public string Password { get; } = "pw-" + Guid.NewGuid().ToString("N")[..12] + "\"@;/";

    public int Port { get; }

    /// <summary>The server without a password: it must come from somewhere else.</summary>
    public string Url => $"postgres://{User}@127.0.0.1:{Port}/postgres";

    /// <summary>A new, empty database on this server; its name.</summary>
    public string NewDatabase()
    {
        var name = "metaloss_" + Guid.NewGuid().ToString("N");
        var server = new Npgsql.NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Password = Password, Database = "postgres" };
        using var connection = new Npgsql.NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return name;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    public void Dispose()
    {
        RunAsOwner(Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "stop");
        Directory.Delete(_directory, recursive: true);
    }

    private void RunAsOwner(string program, params string[] args)
    {
        string[] command = [.. _asOwner, program, .. args];
        Run(command[0], command[1..]);
    }

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error}{output.Result}");
    }
}
