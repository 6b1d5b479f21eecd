using System.Globalization;
using Emergency.Domain;
using Emergency.Grains.Cases;
using Emergency.Grains.EarlyWarning;
using Emergency.Storage.Privacy;

namespace Emergency.Host.Hosting;

/// <summary>
/// How complainants' personal data is protected (<c>Privacy:*</c>): the keys that encrypt it in stored state, the
/// key of the link between one person's cases, and how long a closed case keeps it. docs/security.md says how to make and rotate them.
/// </summary>
public sealed record PrivacySettings
{
    public required PersonalDataKeys DataKeys { get; init; }

    public required ComplainantLinkKey LinkKey { get; init; }

    /// <summary>How long a closed petition or suggestion keeps its personal data (<c>Privacy:PurgeAfterClosure</c>).</summary>
    public PersonalDataRetention Retention { get; init; } = PersonalDataRetention.Default;

    /// <summary>What the storage encrypts: the properties the domain marks <see cref="PersonalDataAttribute"/>.</summary>
    public PersonalDataProtection Protection => new(DataKeys, typeof(PersonalDataAttribute));

    public static PrivacySettings Read(IConfiguration configuration)
    {
        var link = configuration[ComplainantLinkKey.Setting];
        if (string.IsNullOrEmpty(link) || System.Text.Encoding.UTF8.GetByteCount(link) < ComplainantLinkKey.MinBytes)
        {
            throw new EngineConfigurationException(ComplainantLinkKey.Setting, string.Format(CultureInfo.InvariantCulture,
                "the key of the link between one person's cases must be at least {0} bytes; give a random one as the environment variable Privacy__LinkKey (docs/security.md)",
                ComplainantLinkKey.MinBytes));
        }

        return new PrivacySettings
        {
            DataKeys = PersonalDataKeys.FromConfiguration(configuration),
            LinkKey = new ComplainantLinkKey(link),
            Retention = RetentionOf(configuration),
        };
    }

    /// <summary>From a minute (for trying the purge) to a hundred years; the default and why it is so: <see cref="PersonalDataRetention.Default"/>.</summary>
    private static PersonalDataRetention RetentionOf(IConfiguration configuration)
    {
        var value = configuration[PersonalDataRetention.Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return PersonalDataRetention.Default;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.FromMinutes(1) && span <= TimeSpan.FromDays(36_500)
            ? new PersonalDataRetention(span)
            : throw new EngineConfigurationException(PersonalDataRetention.Setting,
                $"'{value}' is not a time span from a minute to 36500 days (days.hours:minutes:seconds, e.g. 1095.00:00:00 for three years)");
    }
}
