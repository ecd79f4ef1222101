using MinerPivot.Web.Components.Shared;

namespace MinerPivot.Web.Tests.Admin;

public class AmountTextTests
{
    [Theory]
    [InlineData("77.5M", 77_500_000)]
    [InlineData("77,500,000", 77_500_000)]
    [InlineData("$1.2B", 1_200_000_000)]
    [InlineData("1.2 bn", 1_200_000_000)]
    [InlineData("USD 350mm", 350_000_000)]
    [InlineData("8.6 million", 8_600_000)]
    [InlineData("42,830.90", 42_830.90)]
    [InlineData("  81000 ", 81_000)]
    [InlineData("975B", 975_000_000_000)]
    [InlineData("-5M", -5_000_000)]
    [InlineData("(5M)", -5_000_000)]
    [InlineData("−1,000", -1_000)]
    [InlineData("0.5k", 500)]
    public void Money_is_read_the_way_people_write_it(string text, double expected)
    {
        Assert.True(AmountText.TryParse(text, money: true, out var value, out var error), error);
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("1,300", 1300)]
    [InlineData("243.5", 243.5)]
    [InlineData("0.001", 0.001)]
    public void Quantities_take_thousands_separators(string text, double expected)
    {
        Assert.True(AmountText.TryParse(text, money: false, out var value, out var error), error);
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("abc", true, "'abc' is not an amount. Write it like 77.5M, 77,500,000 or $1.2B.")]
    [InlineData("77,5M", true, "'77,5M' uses a comma for decimals. Write a point: 77.5.")]
    [InlineData("1,30,000", true, "'1,30,000' is not an amount. Write it like 77.5M, 77,500,000 or $1.2B.")]
    [InlineData("3M", false, "'3M' is not a number. Write it like 1,300 or 243.5.")]
    [InlineData("1.2.3", false, "'1.2.3' is not a number. Write it like 1,300 or 243.5.")]
    public void Anything_else_says_what_is_wrong(string text, bool money, string message)
    {
        Assert.False(AmountText.TryParse(text, money, out var value, out var error));
        Assert.Null(value);
        Assert.Equal(message, error);
    }

    [Fact]
    public void Empty_is_not_reported_rather_than_zero()
    {
        Assert.True(AmountText.TryParse("  ", money: true, out var value, out _));
        Assert.Null(value);
    }

    [Theory]
    [InlineData(77_500_000, "77,500,000", "77,500,000")]
    [InlineData(42_830.9, "42,830.90", "42,830.9")]
    [InlineData(0.001, "0.001", "0.001")]
    public void Values_are_shown_back_in_full(double value, string money, string quantity)
    {
        Assert.Equal(money, AmountText.Money((decimal)value));
        Assert.Equal(quantity, AmountText.Quantity((decimal)value));
    }
}
