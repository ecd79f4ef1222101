using System.Buffers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using MinerPivot.Core.Import;

namespace MinerPivot.Web.Api;

/// <summary>
/// Reads a multipart/form-data upload into the files of an import, each named by its part's file name
/// (companies.csv, sites.csv…). Parts are buffered in memory, at most one byte past the per-file limit each.
/// </summary>
public static class ImportUpload
{
    /// <summary>Every one of the ten files at its size limit, plus room for the multipart framing.</summary>
    public static readonly long MaxRequestBytes = ImportFormat.FileNames.Count * ImportFormat.MaxFileBytes + 1024 * 1024;

    /// <summary>The files read, errors about parts that are not files, or a problem that stops the upload as a whole.</summary>
    public sealed record Upload(IReadOnlyList<ImportFile> Files, IReadOnlyList<ImportError> Errors, ProblemHttpResult? Problem);

    public static async Task<Upload> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxRequestBytes)
        {
            return Refused(TooLarge());
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(Problem(StatusCodes.Status415UnsupportedMediaType, "Send multipart/form-data",
                $"Send the CSV files as multipart/form-data, each as a file part named by its file name ({Files}). " +
                $"The request's content type was '{request.ContentType}'."));
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            return Refused(Problem(StatusCodes.Status400BadRequest, "Malformed multipart body", "The multipart/form-data content type has no boundary."));
        }

        var files = new List<ImportFile>();
        var errors = new List<ImportError>();
        long total = 0;
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                var fileName = FileNameOf(disposition);
                var content = new MemoryStream();
                total += await CopyKeepingAtMostAsync(section.Body, content, ImportFormat.MaxFileBytes + 1, ct);
                if (total > MaxRequestBytes)
                {
                    return Refused(TooLarge());
                }
                if (fileName is null)
                {
                    var field = disposition?.Name.Value ?? "";
                    errors.Add(new ImportError("(import)", 0, null, field,
                        $"The form part '{field}' is not a file. Send each CSV file as a file part named by its file name ({Files})."));
                    continue;
                }
                // A file over the limit keeps one byte too many, so ImportReader refuses it by name like any other rule.
                content.Position = 0;
                files.Add(new ImportFile(fileName, content));
            }
        }
        catch (BadHttpRequestException e)
        {
            // 413: Kestrel's limit for this endpoint (its RequestSizeLimit metadata), hit before our own count;
            // otherwise a body the server could not read (e.g. a broken chunked encoding).
            return Refused(e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge()
                : Problem(e.StatusCode, "Unreadable request body", e.Message));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return Refused(Problem(StatusCodes.Status400BadRequest, "Malformed multipart body", $"The multipart/form-data body could not be read: {e.Message}"));
        }
        return new Upload(files, errors, null);
    }

    private static string Files => string.Join(", ", ImportFormat.FileNames);

    private static string? FileNameOf(ContentDispositionHeaderValue? disposition)
    {
        if (disposition is null)
        {
            return null;
        }
        var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar : HeaderUtilities.RemoveQuotes(disposition.FileName);
        return string.IsNullOrWhiteSpace(name.Value) ? null : name.Value;
    }

    /// <summary>Reads <paramref name="source"/> to its end, keeping its first <paramref name="keep"/> bytes; returns how many it read.</summary>
    private static async Task<long> CopyKeepingAtMostAsync(Stream source, Stream destination, long keep, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long read = 0;
            int n;
            while ((n = await source.ReadAsync(buffer.AsMemory(), ct)) > 0)
            {
                var kept = (int)Math.Clamp(keep - read, 0, n);
                if (kept > 0)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, kept), ct);
                }
                read += n;
                if (read > MaxRequestBytes)
                {
                    break;
                }
            }
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Upload Refused(ProblemHttpResult problem) => new([], [], problem);

    private static ProblemHttpResult TooLarge() => Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large",
        $"An import takes at most {ImportFormat.FileNames.Count} files of at most {ImportFormat.MaxFileBytes / (1024 * 1024)} MB each; " +
        $"this request is larger than {MaxRequestBytes / (1024 * 1024)} MB in all. Import the data in parts.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
