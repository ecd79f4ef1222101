using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MinerPivot.Web.Features.Companies;
using MinerPivot.Web.Features.Signposts;

namespace MinerPivot.Web.Api;

/// <summary>GET /api/v1/companies and the per-company reads: signposts, quarters, tranches, contracts.</summary>
public static class CompaniesApi
{
    private const string TickerDescription = "The company's ticker, in any case (CORZ, corz).";

    public static void MapCompanies(this RouteGroupBuilder api)
    {
        var companies = api.MapGroup("/companies").WithTags("Companies");

        companies.MapGet("", ListCompanies)
            .WithName("ListCompanies")
            .WithSummary("List companies with their verdict")
            .WithDescription("Every company, ordered by ticker, with the period end of its latest quarter reported by the as-of date and its verdict as of that date (default today, UTC).");

        companies.MapGet("/{ticker}/signposts", GetSignposts)
            .WithName("GetCompanySignposts")
            .WithSummary("Evaluate a company's signposts")
            .WithDescription("Every signpost of PRODUCT.md with its status, value, target, unit, details and a one-sentence explanation, the per-tranche RFS slippage and the verdict, using only facts known on the as-of date (default today, UTC). Percentages are in percent (801.16 means +801.16%).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        companies.MapGet("/{ticker}/quarters", GetQuarters)
            .WithName("GetCompanyQuarters")
            .WithSummary("List a company's reported quarters")
            .WithDescription("Quarterly figures by period end, each with its source and the growth of colocation revenue vs the previous and the year-ago quarter (colocationQoqPct, colocationYoyPct, in percent, as colocation_momentum computes them). With asOf, only quarters reported on or before that date. An absent figure (null) was not reported.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        companies.MapGet("/{ticker}/tranches", GetTranches)
            .WithName("GetCompanyTranches")
            .WithSummary("List a company's tranches with their RFS history")
            .WithDescription("Tranches by site and code, each with every RFS revision (the first announced is the baseline, the latest the current RFS; daysVsBaseline per revision), its slip, severity and revenue at risk as of the date, and sources. With asOf, only revisions announced by then, deliveries by then and tranches known by then; a status that records a later delivery is null. Cancelled tranches are listed with status cancelled.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        companies.MapGet("/{ticker}/contracts", GetContracts)
            .WithName("GetCompanyContracts")
            .WithSummary("List a company's contracts with their events")
            .WithDescription("Contracts by code with their events (signed, expanded, downsized, cancelled) by date, each with its source, and their delivery (contract_delivery status, delivered and scheduled MW). With asOf, only contracts signed and events dated on or before that date.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<List<CompanySummary>>, ValidationProblem>> ListCompanies(
        [FromQuery, Description(AsOfQuery.Description + " Default: today.")] string? asOf,
        SignpostService signposts,
        CancellationToken ct)
    {
        if (!AsOfQuery.TryParse(asOf, out var date, out var problem))
        {
            return problem;
        }
        var all = await signposts.EvaluateAllAsync(date, ct);
        return TypedResults.Ok(all.Select(c => new CompanySummary(c.Ticker, c.Name, c.LatestPeriodEnd, c.LatestFiscalLabel, c.Evaluation.Verdict)).ToList());
    }

    private static async Task<Results<Ok<SignpostsResponse>, ProblemHttpResult, ValidationProblem>> GetSignposts(
        [Description(TickerDescription)] string ticker,
        [FromQuery, Description(AsOfQuery.Description + " Default: today.")] string? asOf,
        SignpostService signposts,
        CancellationToken ct)
    {
        if (!AsOfQuery.TryParse(asOf, out var date, out var problem))
        {
            return problem;
        }
        return await signposts.EvaluateAsync(ticker, date, ct) is { } result
            ? TypedResults.Ok(SignpostsResponse.From(result.Evaluation))
            : CompanyNotFound(ticker);
    }

    private static async Task<Results<Ok<QuartersResponse>, ProblemHttpResult, ValidationProblem>> GetQuarters(
        [Description(TickerDescription)] string ticker,
        [FromQuery, Description(AsOfQuery.Description + " Default: every stored quarter.")] string? asOf,
        CompanyService facts,
        CancellationToken ct)
    {
        if (!AsOfQuery.TryParse(asOf, out var date, out var problem))
        {
            return problem;
        }
        return await facts.GetQuartersAsync(ticker, date, ct) is { } quarters
            ? TypedResults.Ok(new QuartersResponse(SignpostService.NormalizeTicker(ticker)!, date, quarters))
            : CompanyNotFound(ticker);
    }

    private static async Task<Results<Ok<TranchesResponse>, ProblemHttpResult, ValidationProblem>> GetTranches(
        [Description(TickerDescription)] string ticker,
        [FromQuery, Description(AsOfQuery.Description + " Default: every stored tranche and revision.")] string? asOf,
        CompanyService facts,
        CancellationToken ct)
    {
        if (!AsOfQuery.TryParse(asOf, out var date, out var problem))
        {
            return problem;
        }
        return await facts.GetTranchesAsync(ticker, date, ct) is { } tranches
            ? TypedResults.Ok(new TranchesResponse(SignpostService.NormalizeTicker(ticker)!, date, tranches))
            : CompanyNotFound(ticker);
    }

    private static async Task<Results<Ok<ContractsResponse>, ProblemHttpResult, ValidationProblem>> GetContracts(
        [Description(TickerDescription)] string ticker,
        [FromQuery, Description(AsOfQuery.Description + " Default: every stored contract and event.")] string? asOf,
        CompanyService facts,
        CancellationToken ct)
    {
        if (!AsOfQuery.TryParse(asOf, out var date, out var problem))
        {
            return problem;
        }
        return await facts.GetContractsAsync(ticker, date, ct) is { } contracts
            ? TypedResults.Ok(new ContractsResponse(SignpostService.NormalizeTicker(ticker)!, date, contracts))
            : CompanyNotFound(ticker);
    }

    // A ProblemHttpResult, unlike NotFound<ProblemDetails>, is written as application/problem+json; the 404 is
    // declared for OpenAPI with ProducesProblem on each route.
    internal static ProblemHttpResult CompanyNotFound(string ticker) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Company not found",
        detail: $"No company has the ticker '{ticker}'.",
        extensions: new Dictionary<string, object?> { ["ticker"] = ticker });
}
