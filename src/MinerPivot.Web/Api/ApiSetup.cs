using System.Text.Json;
using System.Text.Json.Serialization;
using MinerPivot.Core.Domain;
using MinerPivot.Web.Features.Companies;

namespace MinerPivot.Web.Api;

/// <summary>The JSON API under /api/v1 (the Identity endpoints under /api/v1/auth are mapped separately).</summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddMinerPivotApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            // Domain enums travel as the words of DATA-FORMAT.md (under_construction, downsized…); the signpost
            // enums carry their own converters.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter<TrancheStatus>(JsonNamingPolicy.SnakeCaseLower));
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter<ContractEventKind>(JsonNamingPolicy.SnakeCaseLower));
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter<ContractKind>(JsonNamingPolicy.SnakeCaseLower));
        });
        return services;
    }

    public static WebApplication MapMinerPivotApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(Auth.Policies.Analyst)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(void)))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(void)));
        api.MapCompanies();
        api.MapImport();
        api.MapAlerts();
        return app;
    }
}
