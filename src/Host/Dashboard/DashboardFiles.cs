using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MetaLoss.Host.Dashboard;

/// <summary>
/// The dashboard's files, embedded in this assembly as `dashboard/NAME` (see the project file) and
/// read once. Only these names are served, so a request path never reaches the file system.
/// </summary>
internal static class DashboardFiles
{
    private const string ResourcePrefix = "dashboard/";

    // Scripts, styles and data only from this server: a run name that slipped into markup could not run code.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, DashboardFile> Files = Load();

    public static IResult Serve(string name, HttpContext context)
    {
        if (!Files.TryGetValue(name, out var file)) return Results.NotFound();
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // Revalidated on every load (cheap with the ETag), so a new build's page is never mixed with old scripts.
        headers.CacheControl = "no-cache";
        return Results.Bytes(file.Content, file.ContentType, entityTag: file.ETag);
    }

    private static FrozenDictionary<string, DashboardFile> Load()
    {
        var assembly = typeof(DashboardFiles).Assembly;
        var files = new Dictionary<string, DashboardFile>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
                throw new InvalidOperationException($"dashboard file {name} has no known content type");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var content = memory.ToArray();
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
            files[name] = new DashboardFile(content, contentType, etag);
        }
        return files.ToFrozenDictionary();
    }

    private sealed record DashboardFile(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
}
