namespace MinerPivot.Core.Import;

/// <summary>
/// Checks an import as a whole: every ticker, site, contract and tranche a row refers to must be in this import
/// or already in the database (<see cref="KnownKeys"/>).
/// </summary>
public static class ImportValidator
{
    /// <summary>Reads the files and checks their references; the batch holds the rows and every error found.</summary>
    public static async Task<ImportBatch> ValidateAsync(IEnumerable<ImportFile> files, KnownKeys known, CancellationToken ct = default)
    {
        var batch = await ImportReader.ReadAsync(files, ct);
        CheckReferences(batch, known);
        return batch;
    }

    public static void CheckReferences(ImportBatch batch, KnownKeys known)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(known);
        var check = new ReferenceCheck(batch, known);
        foreach (var row in batch.References)
        {
            if (!check.Company(row.File, row.Line, row.Ticker))
            {
                continue;
            }
            if (row.Site is not null)
            {
                check.Site(row.File, row.Line, row.Ticker, row.Site);
            }
            if (row.Contract is not null)
            {
                check.Contract(row.File, row.Line, row.Ticker, row.Contract);
            }
            if (row.Tranche is not null)
            {
                check.Tranche(row.File, row.Line, row.Ticker, row.Tranche);
            }
        }
    }

    private sealed class ReferenceCheck(ImportBatch batch, KnownKeys known)
    {
        private readonly KnownKeys _declared = batch.DeclaredKeys;

        public bool Company(string file, int line, string ticker) =>
            known.HasCompany(ticker) || _declared.HasCompany(ticker) ||
            Fail(file, line, "ticker", ticker, $"Unknown ticker '{ticker}': it is neither in companies.csv nor in the database.");

        public bool Site(string file, int line, string ticker, string site) =>
            known.HasSite(ticker, site) || _declared.HasSite(ticker, site) ||
            Fail(file, line, "site", site, $"Unknown site '{site}' of {ticker}: it is neither in sites.csv nor in the database.");

        public bool Contract(string file, int line, string ticker, string contract) =>
            known.HasContract(ticker, contract) || _declared.HasContract(ticker, contract) ||
            Fail(file, line, "contract", contract, $"Unknown contract '{contract}' of {ticker}: it is neither in contracts.csv nor in the database.");

        public bool Tranche(string file, int line, string ticker, string tranche) =>
            known.HasTranche(ticker, tranche) || _declared.HasTranche(ticker, tranche) ||
            Fail(file, line, "tranche", tranche, $"Unknown tranche '{tranche}' of {ticker}: it is neither in tranches.csv nor in the database.");

        private bool Fail(string file, int line, string column, string value, string message)
        {
            batch.Errors.Add(file, line, column, value, message);
            return false;
        }
    }
}
