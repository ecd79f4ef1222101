using System.Globalization;
using System.Text.Json;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

internal static class TestDates
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Builds one company's facts with readable defaults; ids are assigned in order.</summary>
internal sealed class CompanyBuilder
{
    private int _nextId = 1;
    private Site? _defaultSite;

    public CompanyBuilder(string ticker = "CORZ")
    {
        Company = new Company { Id = _nextId++, Ticker = ticker, Name = ticker + " Inc." };
    }

    public Company Company { get; }
    public List<Site> Sites { get; } = [];
    public List<Contract> Contracts { get; } = [];
    public List<Tranche> Tranches { get; } = [];
    public List<QuarterlyFigure> Quarters { get; } = [];
    public List<Target> Targets { get; } = [];

    public Site Site(string name = "Denton", DateOnly? acquiredOn = null)
    {
        var site = new Site
        {
            Id = _nextId++, CompanyId = Company.Id, Name = name, Location = "TX", AcquiredOn = acquiredOn,
            GrossMw = 500m, Source = "site source " + name,
        };
        Sites.Add(site);
        return site;
    }

    public Contract Contract(string code, decimal mw, string signedOn, string? deliveryBy = null, decimal? annualizedUsd = null,
        string customer = "CoreWeave")
    {
        var contract = new Contract
        {
            Id = _nextId++, CompanyId = Company.Id, Code = code, Customer = customer, ContractedMw = mw,
            SignedOn = TestDates.D(signedOn), FullDeliveryBy = deliveryBy is null ? null : TestDates.D(deliveryBy),
            AnnualizedRevenueUsd = annualizedUsd, Source = "contract source " + code,
        };
        Contracts.Add(contract);
        return contract;
    }

    public ContractEvent Event(Contract contract, ContractEventKind kind, string eventOn, decimal? mwChange = null)
    {
        var e = new ContractEvent
        {
            Id = _nextId++, ContractId = contract.Id, Kind = kind, EventOn = TestDates.D(eventOn), MwChange = mwChange,
            Source = $"event source {contract.Code} {kind} {eventOn}",
        };
        contract.Events.Add(e);
        return e;
    }

    public Tranche Tranche(string code, decimal mw, Contract? contract = null, Site? site = null, string? actualRfs = null,
        TrancheStatus status = TrancheStatus.Planned)
    {
        site ??= _defaultSite ??= Site();
        var tranche = new Tranche
        {
            Id = _nextId++, CompanyId = Company.Id, SiteId = site.Id, Code = code, ContractId = contract?.Id,
            Customer = contract?.Customer ?? "Tenant", CriticalItMw = mw,
            Status = actualRfs is null ? status : status == TrancheStatus.Planned ? TrancheStatus.Billable : status,
            ActualRfs = actualRfs is null ? null : TestDates.D(actualRfs), Source = "tranche source " + code,
        };
        Tranches.Add(tranche);
        return tranche;
    }

    /// <summary>Adds an RFS revision: announced on <paramref name="announcedOn"/>, the tranche is expected on <paramref name="rfsDate"/>.</summary>
    public CompanyBuilder Revision(Tranche tranche, string announcedOn, string rfsDate)
    {
        tranche.Revisions.Add(new RfsRevision
        {
            Id = _nextId++, TrancheId = tranche.Id, AnnouncedOn = TestDates.D(announcedOn), RfsDate = TestDates.D(rfsDate),
            Source = $"revision source {tranche.Code} {announcedOn}",
        });
        return this;
    }

    public QuarterlyFigure Quarter(string periodEnd, string? reportedOn = null, decimal? colocationUsd = null,
        decimal? billableMw = null, decimal? cashCostPerBtc = null, decimal? contractedMw = null, decimal? pipelineMw = null)
    {
        var end = TestDates.D(periodEnd);
        var q = new QuarterlyFigure
        {
            Id = _nextId++, CompanyId = Company.Id, PeriodEnd = end, FiscalLabel = $"Q{(end.Month + 2) / 3} {end.Year}",
            ReportedOn = reportedOn is null ? end.AddDays(40) : TestDates.D(reportedOn),
            ColocationRevenueUsd = colocationUsd, BillableMw = billableMw, CashCostPerBtcUsd = cashCostPerBtc,
            ContractedMw = contractedMw, GrossPipelineMw = pipelineMw, Source = "10-Q " + periodEnd,
        };
        Quarters.Add(q);
        return q;
    }

    public Target Target(decimal mw, string deadline, string announcedOn)
    {
        var t = new Target
        {
            Id = _nextId++, CompanyId = Company.Id, Kind = TargetKind.BillableMw, TargetValue = mw,
            Deadline = TestDates.D(deadline), AnnouncedOn = TestDates.D(announcedOn), Source = "target source",
        };
        Targets.Add(t);
        return t;
    }

    public CompanyFacts Build() => new(Company, Sites.ToList(), Contracts.ToList(), Tranches.ToList(), Quarters.ToList(), Targets.ToList());
}

internal sealed class MarketBuilder
{
    public List<BtcPrice> Prices { get; } = [];
    public List<IndicatorValue> Indicators { get; } = [];

    public MarketBuilder Btc(string date, decimal closeUsd)
    {
        Prices.Add(new BtcPrice { Date = TestDates.D(date), CloseUsd = closeUsd, Source = "btc " + date });
        return this;
    }

    public MarketBuilder Indicator(string series, string date, decimal value, string unit = "USD")
    {
        Indicators.Add(new IndicatorValue { Series = series, Date = TestDates.D(date), Value = value, Unit = unit, Source = $"{series} {date}" });
        return this;
    }

    public MarketBuilder IndustryCashCost(string date, decimal usd) => Indicator("public_miner_cash_cost_per_btc_usd", date, usd);

    public MarketFacts Build() => new(Prices, Indicators);
}

internal static class Eval
{
    public static CompanyEvaluation At(CompanyFacts facts, string asOf, MarketFacts? market = null, SignpostThresholds? thresholds = null) =>
        new SignpostEngine(thresholds).Evaluate(facts, market ?? MarketFacts.Empty, TestDates.D(asOf));

    public static SignpostEvaluation Only(this CompanyEvaluation evaluation, string key) =>
        Assert.Single(evaluation.Signposts, s => s.Key == key);

    public static SignpostEvaluation For(this CompanyEvaluation evaluation, string key, string subject) =>
        Assert.Single(evaluation.Signposts, s => s.Key == key && s.Subject == subject);

    public static TrancheSlip Tranche(this CompanyEvaluation evaluation, string code) =>
        Assert.Single(evaluation.Tranches, t => t.TrancheCode == code);

    public static T Detail<T>(this SignpostEvaluation evaluation, string key) => (T)evaluation.Details[key]!;

    public static decimal? DecimalDetail(this SignpostEvaluation evaluation, string key) => (decimal?)evaluation.Details[key];

    /// <summary>A canonical text of an evaluation, to compare two results for equality.</summary>
    public static string Canonical(this CompanyEvaluation evaluation) => JsonSerializer.Serialize(evaluation);
}
