using Akka.Actor;
using Akka.Hosting;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Dashboard;
using MetaLoss.Host.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MetaLoss.Host.Api;

/// <summary>
/// The web side of `serve`, in the same process and DI container as the actor system: the JSON API
/// under /api, the OpenAPI document, Prometheus metrics, and the bearer-token gate in front of them.
/// </summary>
public static class ApiServer
{
    /// <summary>
    /// The web application with the actor system that <paramref name="actors"/> configures;
    /// <typeparamref name="TRegistryKey"/> is the ActorRegistry key of the run registry it asks, and
    /// <paramref name="meterName"/> the meter exported at /metrics.
    /// </summary>
    public static WebApplication Build<TRegistryKey>(HttpEndpoint http, string systemName, Action<AkkaConfigurationBuilder> actors, string meterName)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "metaloss", ContentRootPath = AppContext.BaseDirectory });
        // The process prints its own few lines; ASP.NET Core's information lines would drown them.
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RunEndpoints.MaxBodyBytes;
            kestrel.Listen(http.Address, http.Port);
        });
        builder.Services.AddOpenApi();
        builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("metaloss")).WithMetrics(metrics => metrics.AddMeter(meterName).AddPrometheusExporter());
        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EpisodeRates>();
        builder.Services.AddAkka(systemName, actors);
        builder.Services.AddSingleton(provider => new RunRegistryClient(
            provider.GetRequiredService<ActorSystem>(), provider.GetRequiredService<ActorRegistry>().Get<TRegistryKey>()));

        var app = builder.Build();
        app.UseBearerToken(http.Token);
        app.Use(AnswerUnavailable);
        app.MapOpenApi();
        app.MapGroup("/api").MapRunEndpoints().MapClusterEndpoints().MapEventEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapDashboard();
        return app;
    }

    /// <summary>The registry not answering is the service being busy or moving, not a bug: 503 with a line that says so.</summary>
    private static async Task AnswerUnavailable(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (RegistryUnavailableException e) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsJsonAsync(new ErrorJson(e.Message));
        }
    }
}
