using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Signposts;

/// <summary>Which RFS revisions are a tranche's baseline and current one, and a revision's slip against the baseline.</summary>
public static class RfsRevisionRules
{
    /// <summary>
    /// The baseline (first announced) and current (latest announced) of the revisions announced on or before
    /// <paramref name="asOf"/>; both null when none was. Two revisions announced the same day: the baseline takes the
    /// earlier RFS date and the current the later one (the conservative reading).
    /// </summary>
    public static (RfsRevision? Baseline, RfsRevision? Current) BaselineAndCurrent(IEnumerable<RfsRevision> revisions, DateOnly asOf)
    {
        RfsRevision? baseline = null, current = null;
        foreach (var r in revisions)
        {
            if (r.AnnouncedOn > asOf) continue;
            if (baseline is null || IsBefore(r.AnnouncedOn, r.RfsDate, baseline.AnnouncedOn, baseline.RfsDate)) baseline = r;
            if (current is null || IsBefore(current.AnnouncedOn, current.RfsDate, r.AnnouncedOn, r.RfsDate)) current = r;
        }
        return (baseline, current);
    }

    /// <summary>
    /// The positions of the baseline and the current revision in <paramref name="revisions"/> (all of them, whatever the
    /// date), by the same rule; (-1, -1) when empty.
    /// </summary>
    public static (int Baseline, int Current) BaselineAndCurrentIndex<T>(
        IReadOnlyList<T> revisions, Func<T, DateOnly> announcedOn, Func<T, DateOnly> rfsDate)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        int baseline = -1, current = -1;
        for (var i = 0; i < revisions.Count; i++)
        {
            var (a, r) = (announcedOn(revisions[i]), rfsDate(revisions[i]));
            if (baseline < 0 || IsBefore(a, r, announcedOn(revisions[baseline]), rfsDate(revisions[baseline]))) baseline = i;
            if (current < 0 || IsBefore(announcedOn(revisions[current]), rfsDate(revisions[current]), a, r)) current = i;
        }
        return (baseline, current);
    }

    /// <summary>The order revisions are listed in: by announced-on, then RFS date (so the baseline is first and the current last).</summary>
    public static bool IsBefore(DateOnly announcedOn, DateOnly rfsDate, DateOnly otherAnnouncedOn, DateOnly otherRfsDate) =>
        announcedOn < otherAnnouncedOn || (announcedOn == otherAnnouncedOn && rfsDate < otherRfsDate);

    /// <summary>Days from the baseline RFS date to <paramref name="rfsDate"/> (positive: later than first announced).</summary>
    public static int DaysVsBaseline(DateOnly baselineRfs, DateOnly rfsDate) => rfsDate.DayNumber - baselineRfs.DayNumber;
}
