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

    /// <summary>Starts receiving the updates of one scope ("live", or a drill's "drill-…").</summary>
    public async Task Watch(string scope)
    {
        if (!Scopes.IsValid(scope))
        {
            throw new HubException($"unknown scope '{scope}': use live or drill-<run>");
        }

        await relay.WatchAsync(scope, Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(scope, LanguageOfConnection()));
    }

    /// <summary>The group of the boards watching a scope in one language (Chinese unless given).</summary>
    public static string Group(string scope, CultureInfo? language = null) =>
        $"scope:{scope}:{TextRenderer.LanguageOf(language ?? TextRenderer.Chinese).Name}";

    private CultureInfo LanguageOfConnection() =>
        TextRenderer.LanguageOf(Context.GetHttpContext()?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? TextRenderer.Chinese);
}
