using System.CommandLine;
using System.Net;
using MetaLoss.Host.Api;

namespace MetaLoss.Host.Options;

/// <summary>--http and --token-file: where `serve` answers HTTP, and the token it asks for.</summary>
public sealed class HttpOptions
{
    public const string DefaultAddress = "127.0.0.1:8080";

    public Option<string> Address { get; } = new("--http")
    {
        Description = "ADDRESS:PORT of the HTTP API and dashboard; any address but loopback needs --token-file (port 0: any free port)",
        DefaultValueFactory = _ => DefaultAddress,
    };

    public Option<string?> TokenFile { get; } = new("--token-file")
    {
        Description = "file whose first line is the bearer token every /api and /metrics request must send; must be mode 0600 or stricter",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Address);
        command.Options.Add(TokenFile);
    }

    public HttpEndpoint Read(ParseResult result)
    {
        var text = result.GetValue(Address)!;
        var (address, port) = Parse(text);
        var token = result.GetValue(TokenFile) is { } file ? BearerToken.Read("--token-file", file) : null;
        if (token is null && !IPAddress.IsLoopback(address))
            throw new ArgumentException($"--http {text}: on an address other machines can reach, the API needs a token; " +
                                        "give --token-file FILE (a file of mode 0600 whose first line is the token), or bind 127.0.0.1");
        return new HttpEndpoint(address, port, token);
    }

    private static (IPAddress Address, int Port) Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon].Trim('[', ']') : "";
        var address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (address is null || !int.TryParse(text[(colon + 1)..], out var port) || port is < 0 or > 65535)
            throw new ArgumentException($"--http {text}: use ADDRESS:PORT with an IP address, e.g. {DefaultAddress} or 0.0.0.0:8080");
        return (address, port);
    }
}

/// <summary>Where the HTTP API listens, and the token it asks for (null: none, on loopback only).</summary>
public sealed record HttpEndpoint(IPAddress Address, int Port, BearerToken? Token);
