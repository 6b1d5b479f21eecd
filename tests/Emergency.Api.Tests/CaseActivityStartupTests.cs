using Emergency.Grains.Cases;
using Emergency.Grains.EarlyWarning;
using Emergency.Grains.Incidents;
using Emergency.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Emergency.Api.Tests;

/// <summary>How long a case stays in memory without a call (<c>Cases:IdleAfter</c>): given to Orleans' collector for every kind of case, and for a person's history.</summary>
public sealed class CaseActivityStartupTests
{
    [Theory]
    [InlineData("00:01:00")]
    [InlineData("2.00:00:00")]
    [InlineData("soon")]
    public void A_bad_idle_age_stops_the_start_naming_its_key(string value)
    {
        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build([$"--Cases:IdleAfter={value}"]));

        Assert.Equal("Cases:IdleAfter", error.Key);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData("00:10:00", 10)]
    public async Task Every_kind_of_case_is_collected_after_the_idle_age_and_other_grains_keep_Orleans_default(string? value, int minutes)
    {
        await using var app = EngineHost.Build(value is null ? [] : [$"--Cases:IdleAfter={value}"]);
        var options = app.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

        Assert.Equal(6, CaseActivity.CaseGrainClasses.Count);
        Assert.Contains(typeof(IncidentGrain), CaseActivity.CaseGrainClasses);
        Assert.All(CaseActivity.CaseGrainClasses, grain => Assert.Equal(TimeSpan.FromMinutes(minutes), options.ClassSpecificCollectionAge[grain.FullName!]));

        // Every kind of case, and a person's history (A_persons_history_leaves_memory_as_a_case_does).
        Assert.Equal(CaseActivity.CaseGrainClasses.Count + 1, options.ClassSpecificCollectionAge.Count);
        Assert.Equal(TimeSpan.FromMinutes(15), options.CollectionAge);
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData("00:10:00", 10)]
    public async Task A_persons_history_leaves_memory_as_a_case_does(string? value, int minutes)
    {
        await using var app = EngineHost.Build(value is null ? [] : [$"--Cases:IdleAfter={value}"]);
        var options = app.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(minutes), options.ClassSpecificCollectionAge[typeof(ComplainantGrain).FullName!]);
    }
}
