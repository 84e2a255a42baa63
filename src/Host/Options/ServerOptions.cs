using System.CommandLine;
using MetaLoss.Host.Api;

namespace MetaLoss.Host.Options;

/// <summary>--server and --token-file: which `metaloss serve` a client command talks to, and the token it sends.</summary>
public sealed class ServerOptions
{
    public ServerOptions(bool required = true) =>
        Server = new Option<string?>("--server") { Description = "URL of a running `metaloss serve`, e.g. http://127.0.0.1:8080", Required = required };

    public Option<string?> Server { get; }

    public Option<string?> TokenFile { get; } = new("--token-file")
    {
        Description = "file whose first line is the server's bearer token (mode 0600 or stricter); needed when the server has one",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(TokenFile);
    }

    public ServiceClient Connect(ParseResult result) => Connect(result.GetValue(Server)!, result.GetValue(TokenFile));

    public static ServiceClient Connect(string server, string? tokenFile)
    {
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--server {server}: give the server's URL, e.g. http://127.0.0.1:8080");
        var token = tokenFile is null ? null : Configuration.PasswordFile.Read("--token-file", tokenFile);
        return new ServiceClient(uri, token);
    }
}
