using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace MinerPivot.Data.Import;

/// <summary>
/// A table's SQL names, taken from the EF model so that the bulk writer and the migrations cannot disagree
/// (snake_case, table names, enum columns).
/// </summary>
internal sealed class TableMap
{
    private readonly Dictionary<string, string> _columns;

    public TableMap(IModel model, Type entity)
    {
        var entityType = model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
        Table = entityType.GetTableName() ?? throw new InvalidOperationException($"{entity.Name} has no table.");
        var schema = entityType.GetSchema();
        QualifiedName = schema is null ? Quote(Table) : $"{Quote(schema)}.{Quote(Table)}";
        var store = StoreObjectIdentifier.Table(Table, schema);
        _columns = entityType.GetProperties().ToDictionary(p => p.Name, p => p.GetColumnName(store) ?? p.Name);
    }

    public string Table { get; }
    public string QualifiedName { get; }

    public string Column(string property) =>
        _columns.TryGetValue(property, out var column) ? Quote(column) : throw new InvalidOperationException($"{Table} has no property {property}.");

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}

/// <summary>One column of a binary COPY: the entity property it fills and how to write its value for a row.</summary>
internal sealed record CopyColumn<T>(string Property, Func<NpgsqlBinaryImporter, T, CancellationToken, Task> Write)
{
    /// <summary>The same column for rows that wrap a <typeparamref name="T"/>.</summary>
    public CopyColumn<TOuter> On<TOuter>(Func<TOuter, T> inner) => new(Property, (w, row, ct) => Write(w, inner(row), ct));
}

internal static class CopyColumn
{
    public static CopyColumn<T> Int<T>(string property, Func<T, int> value) =>
        new(property, (w, row, ct) => w.WriteAsync(value(row), NpgsqlDbType.Integer, ct));

    public static CopyColumn<T> Int<T>(string property, Func<T, int?> value) =>
        new(property, (w, row, ct) => value(row) is { } v ? w.WriteAsync(v, NpgsqlDbType.Integer, ct) : w.WriteNullAsync(ct));

    public static CopyColumn<T> Text<T>(string property, Func<T, string?> value) =>
        new(property, (w, row, ct) => value(row) is { } v ? w.WriteAsync(v, NpgsqlDbType.Text, ct) : w.WriteNullAsync(ct));

    public static CopyColumn<T> Date<T>(string property, Func<T, DateOnly> value) =>
        new(property, (w, row, ct) => w.WriteAsync(value(row), NpgsqlDbType.Date, ct));

    public static CopyColumn<T> Date<T>(string property, Func<T, DateOnly?> value) =>
        new(property, (w, row, ct) => value(row) is { } v ? w.WriteAsync(v, NpgsqlDbType.Date, ct) : w.WriteNullAsync(ct));

    public static CopyColumn<T> Number<T>(string property, Func<T, decimal> value) =>
        new(property, (w, row, ct) => w.WriteAsync(value(row), NpgsqlDbType.Numeric, ct));

    public static CopyColumn<T> Number<T>(string property, Func<T, decimal?> value) =>
        new(property, (w, row, ct) => value(row) is { } v ? w.WriteAsync(v, NpgsqlDbType.Numeric, ct) : w.WriteNullAsync(ct));

    /// <summary>Enums are stored as their C# names (the model's HasConversion&lt;string&gt;()).</summary>
    public static CopyColumn<T> Enum<T, TEnum>(string property, Func<T, TEnum> value) where TEnum : struct, Enum =>
        new(property, (w, row, ct) => w.WriteAsync(value(row).ToString(), NpgsqlDbType.Text, ct));
}
