using System.Net;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>
/// Passwords over real HTTP: a person changes their own with the current one (their other sessions end), an
/// administrator resets a user's (every session of the user ends, a lockout is lifted); both are in the audit trail.
/// </summary>
public sealed class PasswordTests(SignInEngine engine) : IClassFixture<SignInEngine>
{
    private const string Password = "correct horse battery staple";

    private const string NewPassword = "a new password of twenty-nine";

    [Fact]
    public async Task A_person_changes_their_password_with_the_current_one_their_other_sessions_end_and_the_change_is_audited()
    {
        var name = await SignInTests.AddUser(engine.As(Tokens.Administrator), "dutyCommander", Password);
        using var desk = new Person(engine.Engine);
        using var phone = new Person(engine.Engine);
        Assert.Equal(HttpStatusCode.OK, (await desk.SignIn(name, Password)).Status);
        Assert.Equal(HttpStatusCode.OK, (await phone.SignIn(name, Password)).Status);

        var wrong = await desk.Api.Send(desk.Command("/api/me/password", Change("not the password", NewPassword)));
        Assert.Equal("urn:emergency:problem:wrong-password", Problem.Assert(wrong, HttpStatusCode.Forbidden).Str("type"));
        Problem.Assert(await desk.Api.Send(desk.Command("/api/me/password", Change(Password, "short"))), HttpStatusCode.BadRequest, "newPassword");
        Problem.Assert(await desk.Api.Send(desk.Command("/api/me/password", Change(Password, Password))), HttpStatusCode.BadRequest, "newPassword");
        Problem.Assert(await desk.Api.Post("/api/me/password", Change(Password, NewPassword)), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await phone.Api.Get("/api/me")).Status);

        var changed = await desk.Api.Send(desk.Command("/api/me/password", Change(Password, NewPassword)));
        Assert.True(changed.Status == HttpStatusCode.OK, changed.ToString());
        Assert.Equal(name, changed.Body.Str("id"));

        // This session goes on, with the antiforgery token of the answer; the other one ended.
        using var next = new Person(engine.Engine);
        Assert.Equal(HttpStatusCode.OK, (await desk.Api.Get("/api/me")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.Api.Get("/api/me")).Status);
        Problem.Assert(await next.SignIn(name, Password), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await next.SignIn(name, NewPassword)).Status);

        // A machine token has no password to change.
        var token = await engine.Commander.Post("/api/me/password", Change(Password, NewPassword));
        Assert.Equal("urn:emergency:problem:no-password", Problem.Assert(token, HttpStatusCode.Forbidden).Str("type"));

        var trail = await Trail(name);
        Assert.Contains(trail, r => r.Kind == "passwordChanged" && r.Action == "POST /api/me/password" && r.Status == 200);
        Assert.Contains(trail, r => r.Kind == "refused" && r.Action == "POST /api/me/password" && r.Status == 403);
        Assert.DoesNotContain(engine.Engine.Log.Entries, e => e.Contains(NewPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_administrator_resets_a_password_every_session_of_the_user_ends_a_lockout_is_lifted_and_the_reset_is_audited()
    {
        var name = await SignInTests.AddUser(engine.As(Tokens.Administrator), "observer", Password);
        using var person = new Person(engine.Engine);
        Assert.Equal(HttpStatusCode.OK, (await person.SignIn(name, Password)).Status);
        using var stranger = new Person(engine.Engine);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await stranger.SignIn(name, "guessing " + attempt);
        }

        Assert.Equal("urn:emergency:problem:locked-out", Problem.Assert(await stranger.SignIn(name, Password), HttpStatusCode.TooManyRequests).Str("type"));

        using var admin = engine.As(Tokens.Administrator);
        Problem.Assert(await engine.Commander.Post($"/api/users/{name}/password", new { password = NewPassword }), HttpStatusCode.Forbidden);
        Problem.Assert(await admin.Post($"/api/users/{name}/password", new { password = "short" }), HttpStatusCode.BadRequest, "password");
        Problem.Assert(await admin.Post("/api/users/nobody-at-all/password", new { password = NewPassword }), HttpStatusCode.NotFound);

        var reset = await admin.Post($"/api/users/{name}/password", new { password = NewPassword });
        Assert.True(reset.Status == HttpStatusCode.OK, reset.ToString());
        Assert.Null(reset.Body["lockedUntil"]);
        Assert.DoesNotContain("AQAAAA", reset.Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await person.Api.Get("/api/me")).Status);
        Problem.Assert(await person.SignIn(name, Password), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await person.SignIn(name, NewPassword)).Status);

        var trail = await Trail("admin.sun");
        Assert.Contains(trail, r => r.Kind == "passwordChanged" && r.Action == $"POST /api/users/{name}/password" && r.Status == 200);
    }

    [Fact]
    public async Task Wrong_current_passwords_count_toward_the_lockout_as_at_sign_in()
    {
        var name = await SignInTests.AddUser(engine.As(Tokens.Administrator), "assessor", Password);
        using var person = new Person(engine.Engine);
        Assert.Equal(HttpStatusCode.OK, (await person.SignIn(name, Password)).Status);
        for (var attempt = 1; attempt < 5; attempt++)
        {
            Problem.Assert(await person.Api.Send(person.Command("/api/me/password", Change("wrong " + attempt, NewPassword))), HttpStatusCode.Forbidden);
        }

        var locked = await person.Api.Send(person.Command("/api/me/password", Change("wrong 5", NewPassword)));
        Assert.Equal("urn:emergency:problem:locked-out", Problem.Assert(locked, HttpStatusCode.TooManyRequests).Str("type"));
        Assert.NotNull(locked.Header("Retry-After"));
        Assert.Equal("urn:emergency:problem:locked-out", Problem.Assert(await person.Api.Send(person.Command("/api/me/password", Change(Password, NewPassword))), HttpStatusCode.TooManyRequests).Str("type"));
    }

    private static System.Text.Json.Nodes.JsonObject Change(string current, string next) => new() { ["currentPassword"] = current, ["newPassword"] = next };

    /// <summary>The audit trail of one user, as an auditor reads it.</summary>
    private async Task<List<(string Kind, string Action, int Status)>> Trail(string user)
    {
        using var auditor = engine.As(AuditApiTests.AuditorToken);
        var trail = await auditor.Get($"/api/audit?user={Uri.EscapeDataString(user)}");
        Assert.True(trail.Status == HttpStatusCode.OK, trail.ToString());
        return [.. trail.Body["records"]!.AsArray().Select(r => (r.Str("kind"), r.Str("action"), r!["status"]!.GetValue<int>()))];
    }
}
