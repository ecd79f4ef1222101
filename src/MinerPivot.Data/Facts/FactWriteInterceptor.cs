using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace MinerPivot.Data.Facts;

/// <summary>
/// Writes through this process's DbContexts expire cached facts as soon as they commit, without waiting for the
/// notification (which reaches every instance, this one included, a moment later). A transaction asks the database
/// before committing which fact tables' triggers fired in it (the triggers list them in <see cref="ChangedSetting"/>,
/// local to the transaction), which also covers COPY and raw SQL on its connection; a statement outside a
/// transaction is matched by the tables it writes.
/// </summary>
public sealed partial class FactWriteInterceptor(FactChanges changes) : IDbCommandInterceptor, IDbTransactionInterceptor
{
    /// <summary>The fact tables written in the current transaction, as ",companies,sites,", set by their triggers.</summary>
    public const string ChangedSetting = "minerpivot.facts_changed";

    private static readonly string CheckSql = $"SELECT current_setting('{ChangedSetting}', true)";

    // Per transaction about to commit: the fact tables it wrote.
    private readonly ConditionalWeakTable<DbTransaction, string[]> _changed = new();

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        AfterCommand(command, eventData);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterCommand(command, eventData);
        return ValueTask.FromResult(result);
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        AfterCommand(command, eventData);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        AfterCommand(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (CheckCommand(transaction, eventData) is { } command)
        {
            using (command)
            {
                Remember(transaction, () => command.ExecuteScalar());
            }
        }
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (CheckCommand(transaction, eventData) is { } command)
        {
            await using (command)
            {
                object? value = null;
                try
                {
                    value = await command.ExecuteScalarAsync(cancellationToken);
                }
                catch (PostgresException)
                {
                    // A failed transaction cannot commit; its rollback changes nothing.
                }
                Remember(transaction, () => value);
            }
        }
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit(transaction, eventData);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterCommit(transaction, eventData);
        return Task.CompletedTask;
    }

    private static NpgsqlCommand? CheckCommand(DbTransaction transaction, TransactionEventData eventData) =>
        eventData.Context is not null && transaction is NpgsqlTransaction { Connection: { } connection } npgsql
            ? new NpgsqlCommand(CheckSql, connection, npgsql)
            : null;

    private void Remember(DbTransaction transaction, Func<object?> read)
    {
        object? value;
        try
        {
            value = read();
        }
        catch (PostgresException)
        {
            // A failed transaction cannot commit; its rollback changes nothing.
            return;
        }
        if (value is string tables && tables.Split(',', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } written)
        {
            _changed.AddOrUpdate(transaction, written);
        }
    }

    private void AfterCommit(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (_changed.TryGetValue(transaction, out var tables))
        {
            _changed.Remove(transaction);
            if (eventData.Context is { } context)
            {
                var model = FactModel.Of(context.Model);
                foreach (var table in tables) changes.Invalidate(table, model);
            }
            else
            {
                changes.InvalidateAll();
            }
        }
    }

    private void AfterCommand(DbCommand command, CommandExecutedEventData eventData)
    {
        // Inside a transaction the commit decides; outside one the statement has committed by now.
        if (command.Transaction is not null || eventData.Context is not { } context)
        {
            return;
        }
        var model = FactModel.Of(context.Model);
        foreach (Match match in WrittenTable().Matches(command.CommandText))
        {
            var table = match.Groups["table"].Value;
            if (model.CompanyTables.Contains(table) || model.MarketTables.Contains(table))
            {
                changes.Invalidate(table, model);
            }
        }
    }

    [GeneratedRegex("""\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO)\s+(?:ONLY\s+)?(?:"?public"?\.)?"?(?<table>\w+)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WrittenTable();
}
