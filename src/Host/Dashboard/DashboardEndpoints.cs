using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MetaLoss.Host.Dashboard;

/// <summary>
/// The web dashboard: the page at `/` and its files under `/dashboard/`, read from the assembly's
/// embedded resources. They need no token: the page holds no data of its own, and every API call it
/// makes carries the token the user gives it.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context) => DashboardFiles.Serve("index.html", context))
            .ExcludeFromDescription();
        endpoints.MapGet("/dashboard/{file}", (string file, HttpContext context) => DashboardFiles.Serve(file, context))
            .ExcludeFromDescription();
        return endpoints;
    }
}
