using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MinerPivot.Core.Import;
using MinerPivot.Web.Auth;
using MinerPivot.Web.Features.Admin;
using MinerPivot.Web.Features.Signposts;

namespace MinerPivot.Web.Api;

/// <summary>POST /api/v1/import (CSV files as multipart form data, or a preview of them) and GET /api/v1/export (a zip), for admins.</summary>
public static class ImportApi
{
    public static void MapImport(this RouteGroupBuilder api)
    {
        // The /api/v1 group already requires Analyst; an endpoint's policies add to the group's (all must pass), so
        // only admins get through. AuthorizationMatrixTests checks it for every role.
        api.MapPost("/import", ImportAsync)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Import and export")
            .WithName("ImportCsv")
            .WithSummary("Import CSV files (or preview the import)")
            .WithDescription(
                "Takes one or more of the ten CSV files of the import format (companies.csv, sites.csv, contracts.csv, " +
                "contract_events.csv, tranches.csv, rfs_revisions.csv, quarterly.csv, btc_prices.csv, targets.csv, indicators.csv) " +
                "as multipart/form-data, each as a file part whose file name says which file it is. Everything is validated first; " +
                "then all of it is written in one transaction (rows upserted on their natural keys; rfs_revisions and contract_events " +
                "appended) or nothing is. 200 gives the rows inserted, updated and unchanged per file; 422 lists every error with its " +
                "file, line (the header is line 1), column and value, and nothing is written. With preview=true nothing is written " +
                "either way. At most 10 MB per file.")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(ImportUpload.MaxRequestBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            // Antiforgery tokens protect the app's own forms. This endpoint is for API clients: with a bearer token there is
            // nothing to forge, and the Identity cookie is SameSite=Lax, so browsers do not send it with another site's
            // cross-site POST. Form-binding parameters would otherwise turn validation on for it.
            .DisableAntiforgery();

        api.MapGet("/export", ExportAsync)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Import and export")
            .WithName("ExportCsv")
            .WithSummary("Export the data as the import's CSV files in a zip")
            .WithDescription(
                "A zip of the ten CSV files in the import format, rows sorted by natural key, so that importing them into an empty " +
                "database and exporting again gives the same files. With ticker, only that company's rows (btc_prices.csv and " +
                "indicators.csv are always complete). The file name is minerpivot-export-YYYY-MM-DD.zip (today, UTC).")
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<ImportResponse>, UnprocessableEntity<ImportErrorsResponse>, ProblemHttpResult, ValidationProblem>> ImportAsync(
        HttpRequest request,
        [FromQuery, Description("true: validate and count what the import would do, writing nothing. Default: false.")] string? preview,
        ClaimsPrincipal user,
        ImportExportService imports,
        CancellationToken ct)
    {
        var isPreview = false;
        if (!string.IsNullOrEmpty(preview) && !bool.TryParse(preview, out isPreview))
        {
            var message = $"The query parameter 'preview' must be true or false; '{preview}' is not.";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["preview"] = [message] }, detail: message,
                title: "Invalid 'preview' value");
        }

        var upload = await ImportUpload.ReadAsync(request, ct);
        try
        {
            if (upload.Problem is { } problem)
            {
                return problem;
            }
            if (upload.Errors.Count > 0)
            {
                return TypedResults.UnprocessableEntity(new ImportErrorsResponse(isPreview, upload.Errors.Count, upload.Errors));
            }
            var result = isPreview
                ? await imports.PreviewAsync(upload.Files, ct)
                : await imports.ImportAsync(upload.Files, UserNameOf(user), ct);
            return result.Succeeded
                ? TypedResults.Ok(new ImportResponse(result.IsPreview,
                    result.Files.Select(f => new ImportedFile(f.File, f.Inserted, f.Updated, f.Unchanged)).ToList()))
                : TypedResults.UnprocessableEntity(new ImportErrorsResponse(result.IsPreview, result.ErrorCount, result.Errors));
        }
        finally
        {
            foreach (var file in upload.Files)
            {
                await file.Content.DisposeAsync();
            }
        }
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportAsync(
        [FromQuery, Description("Only this company's rows (any case). Default: every company.")] string? ticker,
        ImportExportService imports,
        TimeProvider time,
        CancellationToken ct)
    {
        string? normalized = null;
        if (!string.IsNullOrWhiteSpace(ticker))
        {
            normalized = SignpostService.NormalizeTicker(ticker);
            if (normalized is null || !await imports.HasCompanyAsync(normalized, ct))
            {
                return CompaniesApi.CompanyNotFound(ticker);
            }
        }
        var fileName = $"minerpivot-export-{DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime):yyyy-MM-dd}.zip";
        return TypedResults.Stream(body => imports.WriteZipAsync(body, normalized, ct), "application/zip", fileName);
    }

    /// <summary>The name the audit trail records: the signed-in user's name (their email), else their id.</summary>
    private static string UserNameOf(ClaimsPrincipal user) =>
        user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An admin without a name or id.");
}

/// <summary>What an import wrote, or a preview would write, per file in import order.</summary>
public sealed record ImportResponse(bool Preview, IReadOnlyList<ImportedFile> Files);

/// <summary>Rows of one file: inserted, updated, and unchanged (for rfs_revisions and contract_events: identical rows skipped).</summary>
public sealed record ImportedFile(string File, int Inserted, int Updated, int Unchanged);

/// <summary>
/// Why an import was refused; nothing was written. <see cref="ErrorCount"/> counts every error found, even those left off
/// the list (at most 500 are listed). Line 0 means the file as a whole; "(import)" the upload as a whole.
/// </summary>
public sealed record ImportErrorsResponse(bool Preview, int ErrorCount, IReadOnlyList<ImportError> Errors);
