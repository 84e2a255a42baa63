using System.Text.Json;
using MetaLoss.Actors.Messages;
using MetaLoss.Host.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MetaLoss.Host.Api;

/// <summary>/api/runs: create, list, show, pause/resume/cancel a run, and download its best MLN.</summary>
public static class RunEndpoints
{
    /// <summary>A CreateRun body is a few hundred bytes; anything near this is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapRunEndpoints(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs").WithTags("runs");
        runs.MapGet("/", List).WithSummary("Every run, in the order submitted");
        runs.MapPost("/", Create).WithSummary("Submit a run (idempotent for the same name and settings): 202 while it is prepared, then GET it")
            .Accepts<CreateRunJson>("application/json")
            .Produces<ErrorJson>(StatusCodes.Status413PayloadTooLarge);
        runs.MapGet("/{name}", Detail).WithSummary("A run, its settings and per-generation table; 202 while it is prepared, 422 if that failed");
        runs.MapPost("/{name}/pause", (string name, RunRegistryClient registry, CancellationToken c) => Change(name, RunChange.Pause, registry, c))
            .WithSummary("Stop leasing the run's episodes; results in flight still count");
        runs.MapPost("/{name}/resume", (string name, RunRegistryClient registry, CancellationToken c) => Change(name, RunChange.Resume, registry, c))
            .WithSummary("Lease a paused run's episodes again");
        runs.MapPost("/{name}/cancel", (string name, RunRegistryClient registry, CancellationToken c) => Change(name, RunChange.Cancel, registry, c))
            .WithSummary("Stop a run for good (its journal stays)");
        runs.MapGet("/{name}/best-mln", BestMlnFile).WithSummary("The run's best MLN in the `metaloss export` format")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return api;
    }

    private static async Task<Ok<RunJson[]>> List(RunRegistryClient registry, CancellationToken cancellation)
    {
        var list = (RunList)await registry.Ask(ListRuns.Instance, cancellation);
        return TypedResults.Ok(list.Runs.Select(RunJson.From).ToArray());
    }

    private static async Task<Results<Accepted<PreparingRunJson>, Ok<RunJson>, BadRequest<ErrorJson>, Conflict<ErrorJson>, JsonHttpResult<ErrorJson>>> Create(
        HttpRequest request, RunRegistryClient registry, CancellationToken cancellation)
    {
        if (request.ContentLength > MaxBodyBytes) return TooLarge();
        CreateRun body;
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 8 }, cancellation);
            body = CreateRun.Parse(json.RootElement);
        }
        catch (JsonException e)
        {
            return TypedResults.BadRequest(new ErrorJson($"malformed JSON: {e.Message}", ""));
        }
        catch (RunRequestException e)
        {
            return TypedResults.BadRequest(new ErrorJson(e.Message, e.Field));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        var answer = await registry.Ask(new SubmitRun(body.Name, body.Run.ToSettings(), body.Priority), cancellation);
        return answer switch
        {
            RunPreparing preparing => Preparing(preparing),
            RunExists existing => TypedResults.Ok(RunJson.From(existing.Run)),
            SubmitRefused { Conflict: true } conflict => TypedResults.Conflict(new ErrorJson(conflict.Reason, "name")),
            SubmitRefused refused => TypedResults.BadRequest(new ErrorJson(refused.Reason)),
            _ => throw Unexpected(answer),
        };
    }

    private static async Task<Results<Ok<RunDetailJson>, Accepted<PreparingRunJson>, UnprocessableEntity<ErrorJson>, NotFound<ErrorJson>>> Detail(
        string name, RunRegistryClient registry, CancellationToken cancellation) =>
        await registry.Ask(new GetRunDetail(name), cancellation) switch
        {
            RunDetail detail => TypedResults.Ok(RunDetailJson.From(detail)),
            RunPreparing preparing => Preparing(preparing),
            SubmitRefused refused => TypedResults.UnprocessableEntity(new ErrorJson($"run '{name}' could not be prepared: {refused.Reason}")),
            RunNotFound => NoSuchRun(name),
            var answer => throw Unexpected(answer),
        };

    private static async Task<Results<Ok<RunJson>, NotFound<ErrorJson>, Conflict<ErrorJson>>> Change(string name, RunChange change,
        RunRegistryClient registry, CancellationToken cancellation) =>
        await registry.Ask(new ChangeRun(name, change), cancellation) switch
        {
            RunInfo run => TypedResults.Ok(RunJson.From(run)),
            RunNotFound => NoSuchRun(name),
            ChangeRefused refused => TypedResults.Conflict(new ErrorJson(refused.Reason)),
            var answer => throw Unexpected(answer),
        };

    private static async Task<Results<FileContentHttpResult, NotFound<ErrorJson>>> BestMlnFile(string name, RunRegistryClient registry,
        CancellationToken cancellation)
    {
        var found = await registry.Ask(new GetRunDetail(name), cancellation);
        if (found is not RunDetail detail)
            return TypedResults.NotFound(new ErrorJson(found is RunPreparing ? $"run '{name}' is still being prepared: it has no MLN yet" : $"no run named '{name}'"));
        return await registry.Ask(new GetBestMln(name), cancellation) switch
        {
            BestMln best => TypedResults.File(MlnExport.Of(best, detail.Settings).ToJsonBytes(), "application/json", $"{name}-best-mln.json"),
            RunNotFound => NoSuchRun(name),
            var answer => throw Unexpected(answer),
        };
    }

    private static Accepted<PreparingRunJson> Preparing(RunPreparing preparing) =>
        TypedResults.Accepted($"/api/runs/{preparing.Name}", PreparingRunJson.Of(preparing.Name));

    private static NotFound<ErrorJson> NoSuchRun(string name) => TypedResults.NotFound(new ErrorJson($"no run named '{name}'"));

    private static JsonHttpResult<ErrorJson> TooLarge() =>
        TypedResults.Json(new ErrorJson($"the body is larger than {MaxBodyBytes / 1024} KiB; a run's settings are a few hundred bytes", ""),
            statusCode: StatusCodes.Status413PayloadTooLarge);

    private static InvalidOperationException Unexpected(object answer) => new($"the run registry answered {answer.GetType().Name}");
}
