using System.Runtime.Versioning;
using Npgsql;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>
/// The PostgreSQL password comes from a private file, PGPASSWORD or ~/.pgpass (Npgsql's own
/// fallbacks, which our URL parsing must leave working), and no output ever shows it.
/// </summary>
[UnsupportedOSPlatform("windows")]
public class PostgresSecretsSpecs(PasswordPostgres server) : IClassFixture<PasswordPostgres>
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);

    [Fact]
    public void Should_run_with_the_password_from_a_private_file_and_never_print_it()
    {
        var url = $"postgres://{PasswordPostgres.User}@127.0.0.1:{server.Port}/{server.NewDatabase()}";
        var file = PrivateFile(server.Password + "\n");
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, Clean(),
            SmallRun.Evolve(SmallRun.NewDirectory(), "--postgres", url, "--postgres-password-file", file));
        Assert.True(code == 0, output);
        Assert.DoesNotContain(server.Password, output);

        var (statusCode, status) = MetalossProcess.Run(Quick, Clean(), "status", "--postgres", url, "--postgres-password-file", file);
        Assert.True(statusCode == 0, status);
        Assert.Contains($"finished: {SmallRun.Generations}/{SmallRun.Generations} generations", status);
        Assert.DoesNotContain(server.Password, status);
    }

    [Theory]
    [InlineData(0b110_100_100)]
    [InlineData(0b110_100_000)]
    [InlineData(0b110_000_010)]
    public void Should_refuse_a_password_file_others_may_read_or_change(int mode)
    {
        var file = PrivateFile(server.Password);
        File.SetUnixFileMode(file, (UnixFileMode)mode);
        var (code, output) = MetalossProcess.Run(Quick, Clean(), "status", "--postgres", server.Url, "--postgres-password-file", file);
        Assert.Equal(2, code);
        Assert.Contains($"--postgres-password-file {file}: other users may read or change it (mode 0{Convert.ToString(mode, 8)})", output);
        Assert.Contains("chmod 600", output);
        AssertOneCleanLine(output);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("directory")]
    [InlineData("empty")]
    public void Should_refuse_a_password_file_that_holds_no_password(string kind)
    {
        var file = kind switch
        {
            "missing" => Path.Combine(SmallRun.NewDirectory(), "no-such-file"),
            "directory" => SmallRun.NewDirectory(),
            _ => PrivateFile(""),
        };
        var (code, output) = MetalossProcess.Run(Quick, Clean(), "status", "--postgres", server.Url, "--postgres-password-file", file);
        Assert.Equal(2, code);
        Assert.Contains($"--postgres-password-file {file}:", output);
        AssertOneCleanLine(output);
    }

    [Fact]
    public void Should_take_the_password_from_PGPASSWORD_with_a_url_or_a_connection_string()
    {
        var environment = Clean();
        environment["PGPASSWORD"] = server.Password;
        foreach (var connection in new[] { server.Url, $"Host=127.0.0.1;Port={server.Port};Username={PasswordPostgres.User}" })
        {
            var (code, output) = MetalossProcess.Run(Quick, environment, "status", "--postgres", connection);
            Assert.True(code == 0, output);
            Assert.Contains("The journal holds no run yet.", output);
            Assert.DoesNotContain(server.Password, output);
        }
    }

    [Theory]
    [InlineData("HOME")]
    [InlineData("PGPASSFILE")]
    public void Should_take_the_password_from_a_pgpass_file(string variable)
    {
        var home = SmallRun.NewDirectory();
        var pgpass = Path.Combine(home, ".pgpass");
        File.WriteAllText(pgpass, $"127.0.0.1:{server.Port}:*:{PasswordPostgres.User}:{server.Password}\n");
        File.SetUnixFileMode(pgpass, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var environment = Clean();
        environment[variable] = variable == "HOME" ? home : pgpass;
        var (code, output) = MetalossProcess.Run(Quick, environment, "status", "--postgres", server.Url);
        Assert.True(code == 0, output);
        Assert.Contains("The journal holds no run yet.", output);
    }

    [Fact]
    public void Should_say_where_a_missing_password_can_come_from()
    {
        var (code, output) = MetalossProcess.Run(Quick, Clean(), "status", "--postgres", server.Url);
        Assert.Equal(2, code);
        Assert.Contains($"--postgres: cannot connect to 127.0.0.1:{server.Port}/postgres", output);
        Assert.Contains("--postgres-password-file FILE (mode 0600), PGPASSWORD or ~/.pgpass", output);
        AssertOneCleanLine(output);
    }

    [Fact]
    public void Should_warn_about_a_password_in_the_url_and_still_connect()
    {
        var url = $"postgres://{PasswordPostgres.User}:{Uri.EscapeDataString(server.Password)}@127.0.0.1:{server.Port}/postgres";
        var (code, output) = MetalossProcess.Run(Quick, Clean(), "status", "--postgres", url);
        Assert.True(code == 0, output);
        Assert.Contains("warning: the --postgres password is visible to every user of this machine (`ps`)", output);
        Assert.Contains("--postgres-password-file", output);
        Assert.DoesNotContain(server.Password, output);
        Assert.DoesNotContain(Uri.EscapeDataString(server.Password), output);
    }

    [Theory]
    [InlineData("url-unreadable")]
    [InlineData("string-unknown-key")]
    [InlineData("wrong-password")]
    [InlineData("file-and-url")]
    public void Should_never_echo_a_password_in_an_error(string kind)
    {
        const string secret = "Hunter2-secret";
        var file = PrivateFile(server.Password);
        string[] args = kind switch
        {
            "url-unreadable" => ["--postgres", $"postgres://me:{secret}@[bad"],
            "string-unknown-key" => ["--postgres", $"Host=127.0.0.1;Password={secret};Bogus=1"],
            "wrong-password" => ["--postgres", $"Host=127.0.0.1;Port={server.Port};Username={PasswordPostgres.User};Password={secret}"],
            _ => ["--postgres", $"postgres://me:{secret}@127.0.0.1:{server.Port}/postgres", "--postgres-password-file", file],
        };
        var (code, output) = MetalossProcess.Run(Quick, Clean(), ["status", .. args]);
        Assert.Equal(2, code);
        Assert.Contains("--postgres", output);
        Assert.DoesNotContain(secret, output);
        Assert.DoesNotContain(server.Password, output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void Should_fail_in_one_line_when_tls_is_required_and_the_server_has_none()
    {
        var shared = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(TestPostgres.Variable) ??
                                                       throw new InvalidOperationException($"{TestPostgres.Variable} is not set"));
        foreach (var connection in new[]
                 {
                     $"postgres://{shared.Username}@{shared.Host}:{shared.Port}/{shared.Database}?sslmode=require",
                     new NpgsqlConnectionStringBuilder(shared.ConnectionString) { SslMode = SslMode.Require }.ConnectionString,
                 })
        {
            var (code, output) = MetalossProcess.Run(Quick, Clean(), "status", "--postgres", connection);
            Assert.Equal(2, code);
            Assert.Contains($"--postgres: cannot connect to {shared.Host}:{shared.Port}", output);
            Assert.Contains("SSL", output);
            AssertOneCleanLine(output);
        }
    }

    /// <summary>No password from the environment of whoever runs the tests: only what a test gives.</summary>
    private static Dictionary<string, string?> Clean() =>
        new() { ["PGPASSWORD"] = null, ["PGPASSFILE"] = null, ["HOME"] = SmallRun.NewDirectory() };

    private static string PrivateFile(string content)
    {
        var path = Path.Combine(SmallRun.NewDirectory(), "password");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static void AssertOneCleanLine(string output)
    {
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", output);
    }
}
