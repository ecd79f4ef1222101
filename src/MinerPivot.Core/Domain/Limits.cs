namespace MinerPivot.Core.Domain;

/// <summary>Column lengths, shared by the database schema and the importer's checks.</summary>
public static class Limits
{
    public const int Ticker = 10;
    public const int CompanyName = 200;
    public const int SiteName = 100;
    public const int Location = 200;
    public const int ContractCode = 20;
    public const int Customer = 200;
    public const int TrancheCode = 40;
    public const int FiscalLabel = 20;
    public const int Series = 100;
    public const int Unit = 40;
    public const int Source = 1000;
    public const int Note = 1000;
}
