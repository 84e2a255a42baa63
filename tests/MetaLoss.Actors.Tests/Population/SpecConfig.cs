namespace MetaLoss.Actors.Tests.Population;

public static class SpecConfig
{
    /// <summary>
    /// Test machines are small and shared (2 cores, concurrent builds): expectations wait long, so a
    /// slow machine only makes specs slower, never red. Nothing waits the full time when all is well.
    /// </summary>
    public const string Patient = """
        akka.loglevel = WARNING
        akka.test.single-expect-default = 10s
        """;

    /// <summary>In-memory journal and snapshot store, one per actor system, so every spec starts empty.</summary>
    public const string InMemory = Patient + """

        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;
}
