using BootstrapBlazor.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MinerPivot.Web.Features.Admin;

namespace MinerPivot.Web.Components.Admin;

/// <summary>
/// A list page of one kind: filter, sort and page live in the address (so a list can be shared and the back button
/// works); the first page read is kept across prerender; delete asks first and says why it was refused.
/// </summary>
public abstract class AdminListPage<TItem> : ComponentBase
{
    [Inject] protected NavigationManager Nav { get; set; } = null!;
    [Inject] protected FactService Facts { get; set; } = null!;
    [Inject] protected FactLists Lists { get; set; } = null!;
    [Inject] protected ToastService Toasts { get; set; } = null!;
    [Inject] protected DialogService Dialogs { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [SupplyParameterFromQuery(Name = "company")] public string? CompanyFilter { get; set; }
    [SupplyParameterFromQuery(Name = "series")] public string? SeriesFilter { get; set; }
    [SupplyParameterFromQuery(Name = "year")] public string? YearFilter { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "desc")] public bool? Descending { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public int? PageNumber { get; set; }

    [PersistentState]
    public ListState? State { get; set; }

    /// <summary>A refusal or conflict from the last delete, shown above the table.</summary>
    protected string? Message { get; set; }

    protected abstract AdminKind Kind { get; }
    protected abstract Task<ListPage<TItem>> LoadAsync(ListQuery query);

    /// <summary>The address parameter the list filters by: company, series or year.</summary>
    protected virtual string FilterName => "company";

    protected virtual Task<IReadOnlyList<string>> FilterChoicesAsync() => Lists.TickersAsync();

    protected string? FilterValue => FilterName switch
    {
        "series" => SeriesFilter,
        "year" => YearFilter,
        _ => CompanyFilter,
    };

    protected ListQuery Query => State?.Query ?? new ListQuery();

    protected AdminListShell.PageInfo? Info => State is null ? null : new(State.Page.Total, State.Page.Page, State.Page.PageCount);

    protected bool SortedBy(string column) => Query.Sort == column;

    protected override async Task OnParametersSetAsync()
    {
        var query = new ListQuery(string.IsNullOrWhiteSpace(FilterValue) ? null : FilterValue.Trim(), Sort, Descending ?? false, PageNumber ?? 1);
        if (State?.Query != query)
        {
            await ReloadAsync(query);
        }
    }

    protected async Task ReloadAsync(ListQuery query) => State = new ListState(query, await LoadAsync(query), await FilterChoicesAsync());

    protected string SortHref(string column) => Nav.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["sort"] = column,
        ["desc"] = Query.Sort == column && !Query.Desc ? "true" : null,
        ["page"] = null,
    });

    protected void FilterBy(string? value) => Nav.NavigateTo(Nav.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        [FilterName] = string.IsNullOrEmpty(value) ? null : value,
        ["page"] = null,
    }));

    /// <summary>The new-row form, starting with this list's company.</summary>
    protected string NewHref => FilterName != "year" && Query.Filter is { } filter
        ? $"admin/{Kind.Slug}/new?{FilterName}={Uri.EscapeDataString(filter)}"
        : $"admin/{Kind.Slug}/new";

    protected async Task DeleteAsync(string id, uint version, string key)
    {
        Message = null;
        if (!await Dialogs.ConfirmDeleteAsync($"Delete {Kind.Singular} {key}?", $"The {Kind.Singular} {key} will be deleted. The audit trail keeps its values."))
        {
            return;
        }
        var user = AuthState is null ? "unknown" : (await AuthState).User.Identity?.Name ?? "unknown";
        switch (await Facts.DeleteAsync(Kind, id, version, user))
        {
            case DeleteOutcome.Deleted:
                await Toasts.Success($"{Capitalized(Kind.Singular)} deleted", $"{key} is deleted.");
                break;
            case DeleteOutcome.Refused refused:
                Message = $"{key} was not deleted: {refused.Reason}";
                await Toasts.Error("Not deleted", refused.Reason);
                break;
            case DeleteOutcome.Conflict:
                Message = $"{key} was not deleted: someone changed or deleted it since this list was shown. The list now shows what is stored.";
                break;
        }
        await ReloadAsync(Query);
    }

    /// <summary>Deletes a listed row, named by its natural key.</summary>
    protected Task DeleteItemAsync(IFactListItem item) => DeleteAsync(item.Id, item.Version, Kind.Fact.KeyText(item.Row));

    protected static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public sealed record ListState(ListQuery Query, ListPage<TItem> Page, IReadOnlyList<string> Choices);
}
