using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MinerPivot.Core.Alerts;
using MinerPivot.Web.Features.Alerts;

namespace MinerPivot.Web.Api;

/// <summary>The acknowledgement body; the comment is optional.</summary>
/// <param name="Comment">Why it is acknowledged, what is being done (at most 1000 characters).</param>
public sealed record AckRequest(string? Comment);

/// <summary>GET /api/v1/alerts and POST /api/v1/alerts/{id}/ack, for PMs and admins.</summary>
public static class AlertsApi
{
    public static void MapAlerts(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts").RequireAuthorization(Auth.Policies.Pm);

        alerts.MapGet("", ListAlerts)
            .WithName("ListAlerts")
            .WithSummary("List alerts")
            .WithDescription("Alerts with the given status, or all. Open and acknowledged alerts come first, open before acknowledged, each by severity (critical, major, minor) then revenue at risk (largest first); resolved alerts follow, latest resolution first (at most 500). Each alert carries its condition, what changed (old → new status, the revision or figure that caused it, its source), revenue at risk and its history. PMs and admins only.");

        alerts.MapPost("/{id:long}/ack", Acknowledge)
            .WithName("AcknowledgeAlert")
            .WithSummary("Acknowledge an open alert")
            .WithDescription("Marks an open alert acknowledged by the caller, with an optional comment. The alert stays until its condition clears, when the system resolves it. 409 when it is already acknowledged or resolved (also by someone a moment earlier), 404 for an unknown id. PMs and admins only.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
    }

    private static async Task<Results<Ok<List<AlertView>>, ValidationProblem>> ListAlerts(
        [FromQuery, Description("open, acknowledged or resolved; absent: all.")] string? status,
        AlertService service,
        CancellationToken ct)
    {
        AlertStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!AlertWire.TryParseStatus(status, out var parsed))
            {
                var message = $"The query parameter 'status' must be open, acknowledged or resolved; '{status}' is not.";
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [message] }, detail: message, title: "Invalid 'status'");
            }
            wanted = parsed;
        }
        return TypedResults.Ok((await service.ListAsync(wanted, ct)).ToList());
    }

    private static async Task<Results<Ok<AlertView>, ProblemHttpResult, ValidationProblem>> Acknowledge(
        [Description("The alert's id.")] long id,
        [FromBody] AckRequest? body,
        ClaimsPrincipal user,
        AlertService service,
        CancellationToken ct)
    {
        var result = await service.AcknowledgeAsync(id, user.Identity?.Name ?? "unknown", body?.Comment, ct);
        return result.Outcome switch
        {
            AckOutcome.Acknowledged => TypedResults.Ok(result.Alert!),
            AckOutcome.NotFound => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status404NotFound, title: "Alert not found"),
            AckOutcome.Conflict => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict,
                title: result.Alert?.Status == "resolved" ? "Alert already resolved" : "Alert already acknowledged"),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["comment"] = [result.Message] }, detail: result.Message, title: "Invalid comment"),
        };
    }
}
