using System.Collections.Concurrent;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Web.Features.Signposts;

/// <summary>
/// Logs a company whose evaluation failed (verdict error) once, with its ticker and the reason, however many pages,
/// API calls and alert runs evaluate it afterwards; it logs again only when the reason changes or after it recovered.
/// </summary>
public sealed class EvaluationFailures(ILogger<EvaluationFailures> logger)
{
    private readonly ConcurrentDictionary<string, string> _logged = new(StringComparer.Ordinal);

    public CompanyEvaluation Observe(CompanyEvaluation evaluation)
    {
        if (evaluation.Verdict != Verdict.Error)
        {
            if (!_logged.IsEmpty) _logged.TryRemove(evaluation.Ticker, out _);
            return evaluation;
        }
        var failure = evaluation.Failure ?? "";
        if (_logged.TryGetValue(evaluation.Ticker, out var previous) && previous == failure) return evaluation;
        _logged[evaluation.Ticker] = failure;
        logger.LogError("The signposts of {Ticker} could not be evaluated as of {AsOf}: {Failure}. Its page shows the error; other companies are unaffected",
            evaluation.Ticker, evaluation.AsOf, failure);
        return evaluation;
    }
}
