using System.Reflection;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

/// <summary>The rule texts (tooltips) are built from the thresholds the engine evaluates with.</summary>
public class RuleTextTests
{
    [Fact]
    public void With_the_defaults_the_rules_read_as_PRODUCT_md_states_them()
    {
        var rules = new SignpostEngine().Rules;

        Assert.Contains("Met if YoY ≥ +50% and QoQ ≥ 0", rules.RuleOf(SignpostKeys.ColocationMomentum));
        Assert.Contains("(minor 1–30, major 31–90, critical > 90 or overdue)", rules.RuleOf(SignpostKeys.RfsSlippage));
        Assert.Contains("(quarter ended within 200 days)", rules.RuleOf(SignpostKeys.MiningMargin));
        Assert.Contains("Ok if ≥ 25%, at risk if 0–25%, breached if < 0.", rules.RuleOf(SignpostKeys.MiningMargin));
        Assert.Contains("Met if the company median ≤ 14 months, at risk if ≤ 18, else missed.", rules.RuleOf(SignpostKeys.SpeedToCash));
        Assert.Contains("in the last 180 days", rules.RuleOf(SignpostKeys.DemandIntegrity));
        Assert.Equal(SignpostKeys.All, rules.ByKey.Keys);
        Assert.All(rules.ByKey.Values, r => Assert.Equal(SignpostKeys.TitleOf(r.Key), r.Title));
    }

    [Fact]
    public void Other_thresholds_give_rule_texts_with_the_new_values_and_none_of_the_defaults()
    {
        var rules = new SignpostEngine(new SignpostThresholds
        {
            MomentumYoYPct = 65m, MinorSlipMaxDays = 21, MajorSlipMaxDays = 77, MarginOkPct = 33m, CompanyCostMaxAgeDays = 123,
            SpeedToCashMetMonths = 11m, SpeedToCashAtRiskMonths = 16m, DemandLookbackDays = 99,
        }).Rules;

        Assert.Contains("Met if YoY ≥ +65% and QoQ ≥ 0", rules.RuleOf(SignpostKeys.ColocationMomentum));
        Assert.Contains("(minor 1–21, major 22–77, critical > 77 or overdue)", rules.RuleOf(SignpostKeys.RfsSlippage));
        Assert.Contains("(quarter ended within 123 days)", rules.RuleOf(SignpostKeys.MiningMargin));
        Assert.Contains("Ok if ≥ 33%, at risk if 0–33%", rules.RuleOf(SignpostKeys.MiningMargin));
        Assert.Contains("≤ 11 months, at risk if ≤ 16,", rules.RuleOf(SignpostKeys.SpeedToCash));
        Assert.Contains("in the last 99 days", rules.RuleOf(SignpostKeys.DemandIntegrity));
        foreach (var old in new[] { "50%", "30", "90", "200", "25%", "14", "18", "180" })
        {
            Assert.All(rules.ByKey.Values, r => Assert.DoesNotContain(old, r.Rule));
        }
    }

    /// <summary>Numeric settings that no rule text states (the YoY window is described as "the year-ago quarter").</summary>
    private static readonly string[] NotInRuleTexts = [nameof(SignpostThresholds.YoYWindowDays), nameof(SignpostThresholds.YoYToleranceDays)];

    public static TheoryData<string> NumericThresholds() =>
        [.. typeof(SignpostThresholds).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(int) || p.PropertyType == typeof(decimal))
            .Select(p => p.Name)
            .Where(n => !NotInRuleTexts.Contains(n))];

    [Theory]
    [MemberData(nameof(NumericThresholds))]
    public void Changing_any_numeric_threshold_changes_a_rule_text(string property)
    {
        var changed = new SignpostThresholds();
        var p = typeof(SignpostThresholds).GetProperty(property)!;
        p.SetValue(changed, p.PropertyType == typeof(int) ? (object)((int)p.GetValue(changed)! + 7) : (decimal)p.GetValue(changed)! + 7m);

        var before = new SignpostEngine().Rules.ByKey.Values.Select(r => r.Rule);
        var after = new SignpostEngine(changed).Rules.ByKey.Values.Select(r => r.Rule);

        Assert.NotEqual(before, after);
    }
}
