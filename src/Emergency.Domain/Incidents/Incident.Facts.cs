using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>The checks of an incident's facts, at registration and on every update.</summary>
public sealed partial class Incident
{
    private static void ValidateFacts(Validator check, IncidentFacts? facts)
    {
        if (facts is null)
        {
            check.Add("facts", CommonTexts.Required);
            return;
        }

        check.NotNegative("facts.deaths", facts.Deaths)
            .NotNegative("facts.poisoned", facts.Poisoned)
            .NotNegative("facts.seriouslyInjured", facts.SeriouslyInjured)
            .NotNegative("facts.evacuated", facts.Evacuated)
            .NotNegative("facts.directLossCny", facts.DirectLossCny);
        if (facts.IntakeInterruption is { } cut)
        {
            check.Defined("facts.intakeInterruption.scale", cut.Scale);
            if (cut.Scale != IntakeScale.None && string.IsNullOrWhiteSpace(cut.Intake))
            {
                check.Add("facts.intakeInterruption", IncidentTexts.NameTheIntakeNotLegacy.With(("legacy", FactsPatch.LegacyIntakeField)));
            }

            check.Optional("facts.intakeInterruption.intake", cut.Intake, Validator.ShortText);
        }

        if (facts.CrossBoundary is { } cross)
        {
            check.Defined("facts.crossBoundary", cross);
        }

        if (facts.EcologicalImpact is { } eco)
        {
            check.Defined("facts.ecologicalImpact", eco);
        }
    }
}
