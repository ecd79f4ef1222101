using MinerPivot.Core.Signposts;
using MinerPivot.Web.Features.Signposts;

namespace MinerPivot.Web.Features.Board;

/// <summary>One signpost's cell on the board: the headline status of its evaluations (worst first) and its value.</summary>
/// <param name="Key">The signpost key.</param>
/// <param name="Status">The worst status among the key's evaluations (no data when there is none).</param>
/// <param name="Value">The value of that evaluation, in <paramref name="Unit"/>.</param>
/// <param name="Target">Its target, where there is one.</param>
/// <param name="Unit">See <see cref="SignpostUnits"/>.</param>
/// <param name="Count">How many evaluations the key has (several targets or contracts), 0 when none.</param>
/// <param name="Subject">The contract or target the headline evaluation is about, if any.</param>
public sealed record BoardCell(string Key, SignpostStatus Status, decimal? Value, decimal? Target, string Unit, int Count, string? Subject);

/// <summary>A signpost (or the verdict, key "verdict") whose headline status moved between the two dates.</summary>
public sealed record BoardChange(string Key, string From, string To);

/// <summary>One company's row.</summary>
public sealed record BoardRow(
    string Ticker,
    string Name,
    Verdict Verdict,
    string VerdictExplanation,
    string? LatestFiscalLabel,
    List<BoardCell> Cells,
    List<BoardChange> Changes);

/// <summary>The board as known on <paramref name="AsOf"/>, with what moved since <paramref name="Since"/>.</summary>
public sealed record BoardView(DateOnly AsOf, DateOnly Since, List<BoardRow> Rows);

/// <summary>Builds the signpost board: every company × every signpost, verdict first.</summary>
public sealed class BoardService(SignpostService signposts)
{
    public const string VerdictKey = "verdict";

    /// <summary>The default "what changed since" date: one quarter (91 days) before the as-of date.</summary>
    public static DateOnly DefaultSince(DateOnly asOf) => asOf.AddDays(-91);

    public async Task<BoardView> LoadAsync(DateOnly asOf, DateOnly since, CancellationToken ct = default)
    {
        var results = await signposts.EvaluateAllAtAsync([asOf, since], ct);
        var before = results[1].ToDictionary(c => c.Ticker, StringComparer.Ordinal);
        var rows = new List<BoardRow>(results[0].Count);
        foreach (var company in results[0])
        {
            var cells = SignpostKeys.All.Select(key => Cell(company.Evaluation, key)).ToList();
            var changes = new List<BoardChange>();
            if (before.TryGetValue(company.Ticker, out var earlier))
            {
                if (earlier.Evaluation.Verdict != company.Evaluation.Verdict)
                {
                    changes.Add(new BoardChange(VerdictKey, earlier.Evaluation.Verdict.ToWire(), company.Evaluation.Verdict.ToWire()));
                }
                foreach (var cell in cells)
                {
                    var then = Cell(earlier.Evaluation, cell.Key).Status;
                    if (then != cell.Status)
                    {
                        changes.Add(new BoardChange(cell.Key, then.ToWire(), cell.Status.ToWire()));
                    }
                }
            }
            rows.Add(new BoardRow(company.Ticker, company.Name, company.Evaluation.Verdict, company.Evaluation.VerdictExplanation,
                company.LatestFiscalLabel, cells, changes));
        }
        return new BoardView(asOf, since, rows);
    }

    /// <summary>How bad a status is, for picking a key's headline among several evaluations and for sorting.</summary>
    public static int Badness(SignpostStatus status) => status switch
    {
        SignpostStatus.NoData => 0,
        SignpostStatus.Met or SignpostStatus.Ok => 1,
        SignpostStatus.OnTrack => 2,
        SignpostStatus.AtRisk => 3,
        _ => 4,
    };

    /// <summary>How bad a verdict is (for sorting the board).</summary>
    public static int Badness(Verdict verdict) => verdict switch
    {
        // Not evaluated at all: after every company that was (the board lists worst first).
        Verdict.Error => -1,
        Verdict.InsufficientData => 0,
        Verdict.ReratingSupported => 1,
        Verdict.Watch => 2,
        _ => 3,
    };

    private static BoardCell Cell(CompanyEvaluation evaluation, string key)
    {
        var all = evaluation.WithKey(key).ToList();
        if (all.Count == 0)
        {
            return new BoardCell(key, SignpostStatus.NoData, null, null, "", 0, null);
        }
        // Worst first; among equals the first in engine order (targets by deadline, contracts by code).
        var head = all.Select((e, i) => (e, i)).OrderByDescending(x => Badness(x.e.Status)).ThenBy(x => x.i).First().e;
        return new BoardCell(key, head.Status, head.Value, head.Target, head.Unit, all.Count, head.Subject);
    }
}
