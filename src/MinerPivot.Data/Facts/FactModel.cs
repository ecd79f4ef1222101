using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using MinerPivot.Core.Domain;

namespace MinerPivot.Data.Facts;

/// <summary>
/// Which tables hold facts, read from the EF model: a company and every entity that hangs off it through collection
/// navigations (sites, contracts and their events, tranches and their revisions, quarters, targets…), and the market
/// series <see cref="Core.Signposts.MarketFacts"/> is built from. A new kind of fact that hangs off Company is loaded,
/// cached and invalidated without a change here.
/// </summary>
public sealed class FactModel
{
    // What MarketFacts is made of; not reachable from Company.
    private static readonly Type[] MarketTypes = [typeof(BtcPrice), typeof(IndicatorValue)];

    private FactModel(IReadOnlyList<string> includes, IReadOnlySet<string> companyTables, IReadOnlySet<string> marketTables)
    {
        CompanyIncludes = includes;
        CompanyTables = companyTables;
        MarketTables = marketTables;
    }

    /// <summary>Include paths that load a company with all its facts ("Sites", "Contracts.Events"…), each entity type once.</summary>
    public IReadOnlyList<string> CompanyIncludes { get; }

    /// <summary>The company's tables: companies and the tables of the entities hanging off it.</summary>
    public IReadOnlySet<string> CompanyTables { get; }

    /// <summary>The market series' tables.</summary>
    public IReadOnlySet<string> MarketTables { get; }

    /// <summary>Every fact table.</summary>
    public IEnumerable<string> AllTables => CompanyTables.Concat(MarketTables);

    private static readonly Lock Gate = new();
    private static (IModel Model, FactModel Facts)? _last;

    /// <summary>The fact tables of <paramref name="model"/> (computed once per model).</summary>
    public static FactModel Of(IModel model)
    {
        lock (Gate)
        {
            if (_last is { } last && ReferenceEquals(last.Model, model))
            {
                return last.Facts;
            }
            var facts = Build(model);
            _last = (model, facts);
            return facts;
        }
    }

    private static FactModel Build(IModel model)
    {
        var company = model.FindEntityType(typeof(Company)) ?? throw new InvalidOperationException("The model has no Company.");
        var includes = new List<string>();
        var companyTables = new HashSet<string>(StringComparer.Ordinal) { TableOf(company) };
        // Breadth first, so a type reachable from Company directly (tranches) is loaded there, not under a site or contract.
        var seen = new HashSet<IEntityType> { company };
        var queue = new Queue<(IEntityType Type, string Path)>([(company, "")]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var navigation in current.Type.GetNavigations().Where(n => n.IsCollection && !n.IsOnDependent).OrderBy(n => n.Name, StringComparer.Ordinal))
            {
                if (!seen.Add(navigation.TargetEntityType))
                {
                    continue;
                }
                var path = current.Path.Length == 0 ? navigation.Name : current.Path + "." + navigation.Name;
                includes.Add(path);
                companyTables.Add(TableOf(navigation.TargetEntityType));
                queue.Enqueue((navigation.TargetEntityType, path));
            }
        }
        var marketTables = MarketTypes
            .Select(type => TableOf(model.FindEntityType(type) ?? throw new InvalidOperationException($"The model has no {type.Name}.")))
            .ToHashSet(StringComparer.Ordinal);
        return new FactModel(includes, companyTables, marketTables);
    }

    private static string TableOf(IEntityType type) =>
        type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} is not mapped to a table.");
}
