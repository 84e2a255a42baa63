using Npgsql;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>
/// The PostgreSQL that ./run-tests starts (scripts/start-test-postgres). Without it the specs that
/// need it fail, never skip: CI must not pass by testing less.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "METALOSS_TEST_POSTGRES";

    /// <summary>A new, empty database; its connection string.</summary>
    public static string NewDatabase()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
            Assert.Fail($"{Variable} is not set: run ./run-tests, which starts a throwaway PostgreSQL, " +
                        "or `eval \"$(scripts/start-test-postgres)\"` before dotnet test");
        var name = "metaloss_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
