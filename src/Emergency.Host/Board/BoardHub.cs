using System.Globalization;
using Emergency.Contracts;
using Emergency.Host.Auth;
using Emergency.Texts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;

namespace Emergency.Host.Board;

/// <summary>
/// The board's live channel. A board calls <see cref="Watch"/> for a scope, then loads the snapshot from
/// <c>GET /api/board</c>; from then on it receives <c>caseChanged</c> (<see cref="CaseChange"/>) for every change
/// of every kind of case, and <c>resync</c> whenever it may have missed one. A connection is spoken to in the language
/// it was opened in (<c>/hubs/board?ui-culture=en</c>, or its Accept-Language; Chinese otherwise): each scope has
/// one group per language, and every change is rendered once per language.
/// </summary>
[Authorize(Policy = Policies.Read)]
public sealed class BoardHub(BoardRelay relay) : Hub
{
    public const string Path = "/hubs/board";

    private const string BoundSuffix = "|bound";

    private const string WithinSuffix = "|within:";

    /// <summary>Starts receiving the updates of one scope ("live", or a drill's "drill-…").</summary>
    public async Task Watch(string scope)
    {
        if (!Scopes.IsValid(scope))
        {
            throw new HubException($"unknown scope '{scope}': use live or drill-<run>");
        }

        await relay.WatchAsync(scope, Context.ConnectionAborted);
        var group = Group(scope, LanguageOfConnection());
        if (Context.User?.Jurisdiction() is { } jurisdiction)
        {
            // A board bound to a jurisdiction hears every other change, and the incidents of its region only (docs/jurisdictions.md).
            await Groups.AddToGroupAsync(Context.ConnectionId, $"{group}{BoundSuffix}");
            await Groups.AddToGroupAsync(Context.ConnectionId, $"{group}{WithinSuffix}{jurisdiction}");
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, group);
    }

    /// <summary>
    /// The groups a change reaches in one language: the boards of the whole deployment, and of the boards bound to a
    /// jurisdiction, all for any change but an incident's, and for an incident's those of its region and of every region
    /// it lies in (<paramref name="incidentRegions"/>, its code first; none for a region outside the catalog).
    /// </summary>
    public static IEnumerable<string> GroupsOf(string scope, CultureInfo language, IEnumerable<string>? incidentRegions)
    {
        var all = Group(scope, language);
        yield return all;
        if (incidentRegions is null)
        {
            yield return $"{all}{BoundSuffix}";
            yield break;
        }

        foreach (var code in incidentRegions)
        {
            yield return $"{all}{WithinSuffix}{code}";
        }
    }

    /// <summary>The group of the boards watching a scope in one language (Chinese unless given).</summary>
    public static string Group(string scope, CultureInfo? language = null) =>
        $"scope:{scope}:{TextRenderer.LanguageOf(language ?? TextRenderer.Chinese).Name}";

    private CultureInfo LanguageOfConnection() =>
        TextRenderer.LanguageOf(Context.GetHttpContext()?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? TextRenderer.Chinese);
}
