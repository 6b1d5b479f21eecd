using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>A facts update changes only the facts it names; what is known stays known, and the timeline says what changed.</summary>
public sealed class FactsUpdateTests
{
    private static readonly Actor Commander = Drive.Commander;

    /// <summary>20,000 evacuated (II), heavy metals and a drinking-water source (sensitive), deaths not known yet.</summary>
    private static IncidentFacts Serious => Facts.Known with { Deaths = null, Evacuated = 20_000, HeavyMetals = true, DrinkingWaterSource = true };

    [Fact]
    public void A_facts_update_naming_one_fact_keeps_every_other_fact()
    {
        var incident = Drive.Register(Serious);
        Assert.Equal(IncidentLevel.II, incident.State.Grade!.Level);
        var entries = incident.State.Timeline.Count;

        incident.Handle(Cmd.Update(FactsPatch.Empty.With("deaths", 0)), Commander, incident.T(0.5)).Accept();

        Assert.Equal(Serious with { Deaths = 0 }, incident.State.Facts);
        Assert.Equal(IncidentLevel.II, incident.State.Grade!.Level);
        Assert.True(incident.State.Facts.IsSensitive);
        Assert.Equal(incident.T(2), incident.Obligation(ObligationKind.Report).DueAt);
        var added = incident.State.Timeline.Skip(entries).ToList();
        Assert.Equal("Facts updated: deaths unknown → 0", added[0].Text.En());
        Assert.Empty(incident.State.LevelChanges);
    }

    [Fact]
    public void A_fact_sent_as_null_becomes_unknown_and_the_timeline_says_from_what()
    {
        var incident = Drive.Register(Serious with { Deaths = 0 });
        var entries = incident.State.Timeline.Count;

        incident.Handle(Cmd.Update(FactsPatch.Empty.With("evacuated", null).With("heavyMetals", false), "the count was wrong"), Commander, incident.T(0.5)).Accept();

        Assert.Null(incident.State.Facts.Evacuated);
        Assert.False(incident.State.Facts.HeavyMetals);
        Assert.True(incident.State.Facts.DrinkingWaterSource);
        Assert.Equal("Facts updated: evacuated 20,000 → unknown; heavyMetals yes → no (the count was wrong)", incident.State.Timeline[entries].Text.En());
        Assert.True(incident.State.Grade!.Unclear);
    }

    [Fact]
    public void A_facts_update_that_changes_nothing_says_so()
    {
        var incident = Drive.Register(Serious);
        var entries = incident.State.Timeline.Count;

        incident.Handle(Cmd.Update(FactsPatch.Empty.With("evacuated", 20_000)), Commander, incident.T(0.5)).Accept();

        Assert.Equal("Facts updated: no fact changed", incident.State.Timeline[entries].Text.En());
    }

    [Fact]
    public void A_patch_is_read_from_json_with_only_the_facts_it_names()
    {
        var patch = JsonSerializer.Deserialize<FactsPatch>("""{"deaths": 0, "evacuated": null, "intakeInterruption": {"intake": "Handan city intake", "scale": "city"}}""", JsonShape.Options)!;

        Assert.Equal(["deaths", "evacuated", "intakeInterruption"], patch.Fields);
        var after = patch.ApplyTo(Serious);
        Assert.Equal(0, after.Deaths);
        Assert.Null(after.Evacuated);
        Assert.Equal(new IntakeInterruption { Intake = "Handan city intake", Scale = IntakeScale.City }, after.IntakeInterruption);
        Assert.True(after.HeavyMetals);

        var again = JsonSerializer.Deserialize<FactsPatch>(JsonSerializer.Serialize(patch, JsonShape.Options), JsonShape.Options)!;
        Assert.Equal(patch.Fields, again.Fields);
        Assert.Equal(after, again.ApplyTo(Serious));
    }

    [Fact]
    public void A_patch_from_the_old_intake_field_crosses_between_grains_unchanged()
    {
        var patch = JsonSerializer.Deserialize<FactsPatch>("""{"drinkingWaterIntakeCut": "county"}""", JsonShape.Options)!;

        var again = JsonSerializer.Deserialize<FactsPatch>(JsonSerializer.Serialize(patch, JsonShape.Options), JsonShape.Options)!;

        Assert.Equal(["intakeInterruption"], again.Fields);
        Assert.Equal(new IntakeInterruption { Scale = IntakeScale.County }, again.Values.IntakeInterruption);
    }

    [Theory]
    [InlineData("""{"heavyMetals": null}""", "heavyMetals", "must be true or false (a yes/no fact is never unknown")]
    [InlineData("""{"deaths": -1}""", "deaths", "must be a whole number, not negative, or null when unknown")]
    [InlineData("""{"crossBoundary": "crossGalaxy"}""", "crossBoundary", "must be one of none, countyDispute, crossCity, crossProvince, crossBorder, majorCrossBorder, or null when unknown")]
    [InlineData("""{"intakeInterruption": "city"}""", "intakeInterruption", "must be {\"intake\": the name of the drinking-water source intake")]
    [InlineData("""{"intakeInterruption": {"scale": "city"}}""", "intakeInterruption", "must name its intake")]
    [InlineData("""{"waterCut": true}""", "waterCut", "is not a fact; known: deaths")]
    [InlineData("""{"deaths": 1, "Deaths": 2}""", "Deaths", "is named twice")]
    public void A_patch_that_cannot_be_read_names_its_fact(string json, string field, string message)
    {
        var ex = Assert.Throws<FactsPatch.FactException>(() => JsonSerializer.Deserialize<FactsPatch>(json, JsonShape.Options));

        Assert.Equal(field, ex.Field);
        Assert.StartsWith(message, ex.Problem.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hazardous_release_in_a_sensitive_area_makes_the_incident_sensitive()
    {
        // The 2014 plan does not grade the release by itself: level IV, yet information is due within 5 h, not 24 h.
        var incident = Drive.Register(Facts.Known with { HazardousReleaseInSensitiveArea = true });

        Assert.Equal(IncidentLevel.IV, incident.State.Grade!.Level);
        Assert.True(incident.State.Facts.IsSensitive);
        Assert.Equal(incident.T(5), incident.Obligation(ObligationKind.ReleaseInformation).DueAt);
    }

    [Fact]
    public void A_stored_state_with_the_old_intake_field_still_loads()
    {
        // As the storage serializer writes state: web defaults, enums by their .NET names.
        var storage = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

        var stored = JsonSerializer.Deserialize<IncidentFacts>("""{"deaths": 0, "drinkingWaterIntakeCut": "City", "crossBoundary": "CrossBorder"}""", storage)!;

        Assert.Equal(new IntakeInterruption { Scale = IntakeScale.City }, stored.IntakeInterruption);
        var written = JsonSerializer.Serialize(stored, storage);
        Assert.DoesNotContain("drinkingWaterIntakeCut", written, StringComparison.Ordinal);
        Assert.Equal(stored, JsonSerializer.Deserialize<IncidentFacts>(written, storage));
        Assert.Contains("intake not named", Grader.Grade(stored, RealRules.Cn2014).Reasons[0].En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_intake_interruption_must_name_its_intake()
    {
        var incident = Drive.Register(Facts.Known);

        var decision = incident.Handle(Cmd.Update(FactsPatch.Empty.With("intakeInterruption", new IntakeInterruption { Scale = IntakeScale.City })), Commander, incident.T(0.5));

        var error = Assert.Single(decision.Errors);
        Assert.Equal("facts.intakeInterruption", error.Field);
        Assert.Contains("a precautionary supply cut (停水) is not an intake interruption", error.Message.En(), StringComparison.Ordinal);
    }
}
