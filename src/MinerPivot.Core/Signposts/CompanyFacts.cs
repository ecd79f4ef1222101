using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Signposts;

/// <summary>
/// Everything the engine may know about one company, unfiltered: the engine itself keeps only the facts known by the
/// as-of date. Contracts carry their <see cref="Contract.Events"/>; tranches carry their <see cref="Tranche.Revisions"/>
/// and <see cref="Tranche.ContractId"/>; a tranche's site is found by <see cref="Tranche.SiteId"/> in
/// <see cref="Sites"/> (else its <see cref="Tranche.Site"/>). Input order does not matter.
/// </summary>
public sealed record CompanyFacts(
    Company Company,
    IReadOnlyList<Site> Sites,
    IReadOnlyList<Contract> Contracts,
    IReadOnlyList<Tranche> Tranches,
    IReadOnlyList<QuarterlyFigure> Quarters,
    IReadOnlyList<Target> Targets)
{
    /// <summary>Facts taken from a company's navigation collections (e.g. loaded with Include).</summary>
    public static CompanyFacts From(Company company) =>
        new(company, company.Sites, company.Contracts, company.Tranches, company.Quarters, company.Targets);
}
