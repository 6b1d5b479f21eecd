using System.Globalization;
using Emergency.Domain;
using Emergency.Grains.EarlyWarning;
using Emergency.Storage.Privacy;

namespace Emergency.Host.Hosting;

/// <summary>
/// How complainants' personal data is protected (<c>Privacy:*</c>): the keys that encrypt it in stored state, and the
/// key of the link between one person's cases. docs/security.md says how to make and rotate them.
/// </summary>
public sealed record PrivacySettings
{
    public required PersonalDataKeys DataKeys { get; init; }

    public required ComplainantLinkKey LinkKey { get; init; }

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

        return new PrivacySettings { DataKeys = PersonalDataKeys.FromConfiguration(configuration), LinkKey = new ComplainantLinkKey(link) };
    }
}
