using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MetaLoss.Host.Api;

/// <summary>
/// The service's bearer token, read from a file (never the command line, where `ps` shows it). When
/// one is set, every /api and /metrics request must carry `Authorization: Bearer TOKEN`; the
/// dashboard's static files and the OpenAPI document need none.
/// </summary>
public sealed class BearerToken
{
    private readonly byte[] _hash;

    private BearerToken(string token) => _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The first line of a file private to its owner (mode 0600 or stricter), as the PostgreSQL password file.</summary>
    public static BearerToken Read(string option, string path) => new(Configuration.PasswordFile.Read(option, path));

    /// <summary>
    /// Compared as SHA-256 hashes in constant time: neither how much of the token matched nor its
    /// length shows in the time an answer takes.
    /// </summary>
    public bool Accepts(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(offered, _hash);
    }
}

/// <summary>The middleware that asks guarded requests for the <see cref="BearerToken"/>.</summary>
public static class BearerTokenGate
{
    public static bool Guards(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/metrics");

    /// <summary>Refuses guarded requests without the token: 401, a JSON error and the WWW-Authenticate challenge.</summary>
    public static IApplicationBuilder UseBearerToken(this IApplicationBuilder app, BearerToken? token) =>
        token is null
            ? app
            : app.Use(async (context, next) =>
            {
                if (!Guards(context.Request.Path) || token.Accepts(context.Request.Headers.Authorization))
                {
                    await next(context);
                    return;
                }
                var missing = context.Request.Headers.Authorization.Count == 0;
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsJsonAsync(new ErrorJson(missing
                    ? "this server needs a token: send `Authorization: Bearer TOKEN` (the token is in the server's --token-file)"
                    : "wrong token"));
            });
}
