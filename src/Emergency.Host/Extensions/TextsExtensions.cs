using Emergency.Host.Hosting;
using Emergency.Host.Texts;
using Emergency.Texts;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;

namespace Emergency.Host.Extensions;

public static class TextsExtensions
{
    public const string ZoneKey = "Display:TimeZone";

    /// <summary>
    /// The engine speaks Chinese unless a request asks for English (Accept-Language, or <c>?ui-culture=en</c>), and
    /// shows every moment in the deployment's zone (<c>Display:TimeZone</c>, an IANA name; Asia/Shanghai unless set).
    /// </summary>
    public static WebApplicationBuilder AddEmergencyTexts(this WebApplicationBuilder builder)
    {
        var texts = new TextRenderer(ZoneOf(builder.Configuration[ZoneKey]));
        builder.Services.AddSingleton(texts);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Insert(0, new RenderedMessageJsonConverter(texts)));
        builder.Services.Configure<JsonHubProtocolOptions>(json => json.PayloadSerializerOptions.Converters.Insert(0, new RenderedMessageJsonConverter(texts)));
        builder.Services.Configure<RequestLocalizationOptions>(localization =>
        {
            localization.DefaultRequestCulture = new RequestCulture(TextRenderer.Chinese);
            localization.SupportedCultures = [.. TextRenderer.Languages];
            localization.SupportedUICultures = [.. TextRenderer.Languages];
            localization.FallBackToParentCultures = true;
            localization.FallBackToParentUICultures = true;
            localization.ApplyCurrentCultureToResponseHeaders = true;
        });
        return builder;
    }

    public static IApplicationBuilder UseEmergencyTexts(this IApplicationBuilder app) => app.UseRequestLocalization();

    private static TimeZoneInfo ZoneOf(string? id)
    {
        var name = string.IsNullOrWhiteSpace(id) ? TextRenderer.DefaultZone : id.Trim();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new EngineConfigurationException(ZoneKey, $"'{name}' is not a time zone this machine knows; give an IANA name such as Asia/Shanghai");
        }
    }
}
