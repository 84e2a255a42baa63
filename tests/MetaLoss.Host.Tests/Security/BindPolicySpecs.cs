using MetaLoss.Host.Security;

namespace MetaLoss.Host.Tests.Security;

/// <summary>Without TLS only loopback may be bound, unless --insecure says the network is trusted.</summary>
public class BindPolicySpecs
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("127.255.255.254")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    public void Should_allow_loopback_without_tls(string hostname)
    {
        Assert.True(BindPolicy.IsLoopback(hostname));
        BindPolicy.Check(hostname, tls: false, insecure: false);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.168.1.10")]
    [InlineData("10.0.0.1")]
    [InlineData("node1.lab")]
    [InlineData("localhost.evil.example")]
    [InlineData("128.0.0.1")]
    public void Should_refuse_other_addresses_without_tls_and_say_why(string hostname)
    {
        Assert.False(BindPolicy.IsLoopback(hostname));
        var message = Assert.Throws<ArgumentException>(() => BindPolicy.Check(hostname, tls: false, insecure: false)).Message;
        Assert.Contains($"--hostname {hostname}: without TLS anyone who can reach this address could join the cluster", message);
        Assert.Contains("--insecure", message);
    }

    [Fact]
    public void Should_allow_other_addresses_with_tls_or_insecure()
    {
        BindPolicy.Check("0.0.0.0", tls: true, insecure: false);
        BindPolicy.Check("0.0.0.0", tls: false, insecure: true);
    }
}
