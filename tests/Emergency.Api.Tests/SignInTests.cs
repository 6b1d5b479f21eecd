using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Host.Auth;
using Emergency.Host.Hosting;
using Emergency.Testing;
using Emergency.Testing.Engine;

namespace Emergency.Api.Tests;

/// <summary>An engine whose sign-in rate limit leaves room for every attempt of these tests (the limit has tests of its own).</summary>
public sealed class SignInEngine : EngineFixture
{
    protected override string[] Settings => ["--Auth:SignInRate:Permits=1000"];
}

/// <summary>
/// People who sign in with a name and a password: added by an administrator, a session cookie with an antiforgery
/// token for every command, lockout after failed attempts, disabled users' sessions ended at their next request.
/// </summary>
public sealed class SignInTests(SignInEngine engine) : IClassFixture<SignInEngine>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_person_added_by_an_administrator_signs_in_and_registers_an_incident_with_the_session_cookie()
    {
        var name = await AddUser("dutyCommander");
        using var person = new Person(engine.Engine);

        var signedIn = await person.SignIn(name, Password);
        Assert.True(signedIn.Status == HttpStatusCode.OK, signedIn.ToString());
        Assert.Equal(name, signedIn.Body.Str("id"));
        Assert.Equal("dutyCommander", signedIn.Body.Str("role"));
        Assert.Equal("no-store", signedIn.Header("Cache-Control"));
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Sessions.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var me = await person.Api.Get("/api/me");
        Assert.True(me.Status == HttpStatusCode.OK, me.ToString());
        Assert.Equal(name, me.Body.Str("id"));

        var region = EngineFixture.NewRegion("Session");
        var registered = await person.Api.Send(person.Command("/api/incidents", Bodies.Incident(region, engine.Now)));
        Assert.True(registered.Status == HttpStatusCode.Created, registered.ToString());
        Assert.Contains(registered.Body.Timeline(), e => e.Str("actor").StartsWith(name, StringComparison.Ordinal));

        // Signed out, the cookie opens nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await person.Api.Send(person.Command("/auth/sign-out", null))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.Api.Get("/api/me")).Status);
    }

    [Fact]
    public async Task An_administrator_and_an_auditor_signed_in_on_the_board_are_told_who_they_are()
    {
        foreach (var role in new[] { "administrator", "auditor" })
        {
            var name = await AddUser(role);
            using var person = new Person(engine.Engine);
            Assert.Equal(HttpStatusCode.OK, (await person.SignIn(name, Password)).Status);

            var me = await person.Api.Get("/api/me");
            Assert.True(me.Status == HttpStatusCode.OK, $"{role}: {me}");
            Assert.Equal(name, me.Body.Str("id"));
            Assert.Equal(role, me.Body.Str("role"));
        }
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_name_get_the_same_401()
    {
        var name = await AddUser("observer");
        using var person = new Person(engine.Engine);

        var wrong = Problem.Assert(await person.SignIn(name, Password + "!"), HttpStatusCode.Unauthorized);
        var unknown = Problem.Assert(await person.SignIn("nobody-" + Guid.NewGuid().ToString("N")[..8], Password), HttpStatusCode.Unauthorized);
        Assert.Equal(wrong.Str("detail"), unknown.Str("detail"));

        // A name no user can have (a NUL, which PostgreSQL text cannot hold; a trailing line break) is the same 401.
        foreach (var odd in new[] { "duty\u0000zhang", name + "\n" })
        {
            Assert.Equal(wrong.Str("detail"), Problem.Assert(await person.SignIn(odd, Password), HttpStatusCode.Unauthorized).Str("detail"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await person.Api.Get("/api/me")).Status);

        var badBody = await person.Api.Post("/auth/sign-in", "{\"name\": 1}");
        Problem.Assert(badBody, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_command_with_the_session_cookie_but_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var name = await AddUser("dutyCommander");
        using var person = new Person(engine.Engine);
        Assert.Equal(HttpStatusCode.OK, (await person.SignIn(name, Password)).Status);
        var region = EngineFixture.NewRegion("Forged");

        var without = await person.Api.Post("/api/incidents", Bodies.Incident(region, engine.Now));
        Assert.Equal("urn:emergency:problem:antiforgery", Problem.Assert(without, HttpStatusCode.BadRequest).Str("type"));

        var forged = person.Command("/api/incidents", Bodies.Incident(region, engine.Now));
        forged.Headers.Remove(Sessions.AntiforgeryHeader);
        forged.Headers.Add(Sessions.AntiforgeryHeader, "forged");
        Problem.Assert(await person.Api.Send(forged), HttpStatusCode.BadRequest);

        Assert.Empty(await engine.Commander.List($"?region={region}"));

        // Reads need none, and a bearer client sends no cookie a forged page could ride on, so it needs none either.
        Assert.Equal(HttpStatusCode.OK, (await person.Api.Get("/api/me")).Status);
        Assert.Equal(HttpStatusCode.Created, (await engine.Commander.Post("/api/incidents", Bodies.Incident(region, engine.Now))).Status);
    }

    [Fact]
    public async Task Five_failed_sign_ins_in_a_row_lock_the_user_for_fifteen_minutes_even_with_the_right_password()
    {
        var name = await AddUser("assessor");
        using var person = new Person(engine.Engine);
        for (var attempt = 1; attempt < 5; attempt++)
        {
            Problem.Assert(await person.SignIn(name, "wrong password " + attempt), HttpStatusCode.Unauthorized);
        }

        var locked = await person.SignIn(name, "wrong password 5");
        Assert.Equal("urn:emergency:problem:locked-out", Problem.Assert(locked, HttpStatusCode.TooManyRequests).Str("type"));
        Assert.Equal("900", locked.Header("Retry-After"));
        Assert.Contains(engine.Engine.Log.Entries, e => e.Contains($"Audit: {name} is locked until", StringComparison.Ordinal));

        var stillLocked = await person.SignIn(name, Password);
        Assert.Equal("urn:emergency:problem:locked-out", Problem.Assert(stillLocked, HttpStatusCode.TooManyRequests).Str("type"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.Api.Get("/api/me")).Status);

        engine.Clock.Advance(TimeSpan.FromMinutes(15));
        var after = await person.SignIn(name, Password);
        Assert.True(after.Status == HttpStatusCode.OK, after.ToString());
    }

    [Fact]
    public async Task A_disabled_users_session_stops_at_its_next_request_and_the_user_cannot_sign_in_until_enabled()
    {
        var name = await AddUser("dutyCommander");
        using var person = new Person(engine.Engine);
        Assert.Equal(HttpStatusCode.OK, (await person.SignIn(name, Password)).Status);
        Assert.Equal(HttpStatusCode.OK, (await person.Api.Get("/api/me")).Status);

        using var admin = engine.As(Tokens.Administrator);
        var disabled = await admin.Post($"/api/users/{name}/disable", null);
        Assert.True(disabled.Status == HttpStatusCode.OK, disabled.ToString());
        Assert.True(disabled.Body["disabled"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await person.Api.Get("/api/me")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.Api.Send(person.Command("/api/incidents", Bodies.Incident(EngineFixture.NewRegion("Disabled"), engine.Now)))).Status);
        var refused = await person.SignIn(name, Password);
        Assert.Equal("urn:emergency:problem:user-disabled", Problem.Assert(refused, HttpStatusCode.Forbidden).Str("type"));

        Assert.Equal(HttpStatusCode.OK, (await admin.Post($"/api/users/{name}/enable", null)).Status);
        Assert.Equal(HttpStatusCode.OK, (await person.SignIn(name, Password)).Status);
        Assert.Equal(HttpStatusCode.OK, (await person.Api.Get("/api/me")).Status);
    }

    [Fact]
    public async Task Only_an_administrator_adds_users_and_a_name_a_weak_password_or_a_taken_name_are_refused()
    {
        var user = new JsonObject { ["name"] = "duty.sun-" + Guid.NewGuid().ToString("N")[..6], ["role"] = "dutyCommander", ["password"] = Password };
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Commander.Post("/api/users", user)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Commander.Get("/api/users")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Anonymous.Post("/api/users", user)).Status);

        using var admin = engine.As(Tokens.Administrator);
        Problem.Assert(await admin.Post("/api/users", With(user, "password", "short")), HttpStatusCode.BadRequest, "password");
        Problem.Assert(await admin.Post("/api/users", With(user, "name", "has space")), HttpStatusCode.BadRequest, "name");
        Problem.Assert(await admin.Post("/api/users", With(user, "role", "system")), HttpStatusCode.BadRequest);
        Problem.Assert(await admin.Post("/api/users", With(user, "name", "duty.zhang")), HttpStatusCode.Conflict);

        var added = await admin.Post("/api/users", user);
        Assert.True(added.Status == HttpStatusCode.Created, added.ToString());
        Assert.Equal("admin.sun", added.Body.Str("createdBy"));
        Assert.Null(added.Body["passwordHash"]);
        Problem.Assert(await admin.Post("/api/users", user), HttpStatusCode.Conflict);
        Problem.Assert(await admin.Post("/api/users/nobody-at-all/disable", null), HttpStatusCode.NotFound);
        Problem.Assert(await admin.Post("/api/users/duty%0Azhang/disable", null), HttpStatusCode.NotFound);
        Problem.Assert(await admin.Post("/api/users", With(user, "name", "line\nbreak")), HttpStatusCode.BadRequest, "name");

        var list = await admin.Get("/api/users");
        Assert.Contains(list.Body.AsArray(), u => u!.Str("name") == user.Str("name"));
        Assert.DoesNotContain("AQAAAA", list.Text, StringComparison.Ordinal);
    }

    private static JsonObject With(JsonObject user, string field, string value)
    {
        var changed = (JsonObject)user.DeepClone();
        changed[field] = value;
        return changed;
    }

    /// <summary>An administrator adds a user with <see cref="Password"/>; returns the name.</summary>
    private Task<string> AddUser(string role) => AddUser(engine.As(Tokens.Administrator), role, Password);

    /// <summary>The administrator <paramref name="admin"/> adds a user of <paramref name="role"/> with <paramref name="password"/>; returns the name.</summary>
    internal static async Task<string> AddUser(ApiClient admin, string role, string password)
    {
        using (admin)
        {
            var name = $"{role}-{Guid.NewGuid():N}"[..(role.Length + 9)];
            var added = await admin.Post("/api/users", new { name, role, password });
            Assert.True(added.Status == HttpStatusCode.Created, added.ToString());
            return name;
        }
    }
}

/// <summary>The sign-in rate limit, on an engine that allows three attempts a minute from one address.</summary>
public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_retry_after_and_a_problem()
    {
        using var directory = new TempDirectory("rate");
        await using var engine = await EngineInstance.StartAsync(directory.File("emergency.db"), EngineFixture.Start, TestContext.Current.CancellationToken,
            "--Auth:SignInRate:Permits=3", "--Auth:SignInRate:Window=00:01:00");
        using var person = new Person(engine);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Problem.Assert(await person.SignIn("nobody", "not a password at all"), HttpStatusCode.Unauthorized);
        }

        var refused = await person.SignIn("nobody", "not a password at all");
        Assert.Equal("urn:emergency:problem:too-many-requests", Problem.Assert(refused, HttpStatusCode.TooManyRequests).Str("type"));
        Assert.True(int.TryParse(refused.Header("Retry-After"), out var seconds) && seconds is >= 1 and <= 60, refused.ToString());

        // The limit is sign-in's: the API still answers a machine token.
        using var commander = new ApiClient(engine.Client(Tokens.Commander));
        Assert.Equal(HttpStatusCode.OK, (await commander.Get("/api/me")).Status);
    }
}

/// <summary>The shipped development credentials, and machine tokens stored as keyed hashes.</summary>
public sealed class MachineTokenTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://127.0.0.1:5080;http://192.168.1.20:5080")]
    public void The_development_tokens_stop_the_start_when_the_engine_listens_beyond_loopback(string urls)
    {
        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build([$"--Urls={urls}", $"--Cluster:SiloPort={FreePorts.Next()}"]));
        Assert.Equal("Auth:TokensFile", error.Key);
        Assert.Contains("admin-dev-token", error.Message, StringComparison.Ordinal);
        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_and_a_key_of_its_own_let_the_engine_listen_beyond_loopback_but_the_shipped_key_does_not()
    {
        using var directory = new TempDirectory("own-tokens");
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var tokens = directory.File("tokens.json");
        File.WriteAllText(tokens, $$"""{ "users": [ { "user": "monitor", "role": "administrator", "tokenHmac": "{{MachineTokens.Hash(key, "a-random-token-of-its-own")}}" } ] }""");
        string[] args = ["--Urls=http://0.0.0.0:0", $"--Auth:TokensFile={tokens}", $"--Cluster:SiloPort={FreePorts.Next()}", $"--Storage:ConnectionString=Data Source={directory.File("emergency.db")}",
            .. PrivacyTests.KeysOfItsOwn];

        await using (var app = EngineHost.Build([.. args, $"--Auth:TokenKey={key}"]))
        {
            Assert.NotNull(app);
        }

        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build(args));
        Assert.Equal("Auth:TokenKey", error.Key);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("https://[::1]:5443", true)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://emergency.example.cn:5080", false)]
    public void Only_loopback_addresses_count_as_loopback(string url, bool loopback) =>
        Assert.Equal(loopback, DevelopmentCredentials.IsLoopback(url));

    [Fact]
    public void A_token_is_found_only_through_its_keyed_hash_and_a_plain_sha256_is_refused()
    {
        using var directory = new TempDirectory("tokens");
        var key = "a-key-of-this-test-that-is-long-enough";
        var file = directory.File("tokens.json");
        File.WriteAllText(file, $$"""{ "users": [ { "user": "sensor", "role": "observer", "tokenHmac": "{{MachineTokens.Hash(key, "sensor-token")}}" } ] }""");

        Assert.Equal("sensor", MachineTokens.Load(file, key).Find("sensor-token")?.Id);
        Assert.Null(MachineTokens.Load(file, key).Find("sensor-token "));
        Assert.Null(MachineTokens.Load(file, key + "x").Find("sensor-token"));
        Assert.DoesNotContain("sensor-token", File.ReadAllText(file), StringComparison.Ordinal);

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("sensor-token"u8));
        File.WriteAllText(file, $$"""{ "users": [ { "user": "sensor", "role": "observer", "tokenSha256": "{{sha}}" } ] }""");
        var error = Assert.Throws<EngineConfigurationException>(() => MachineTokens.Load(file, key));
        Assert.Contains("tokenHmac", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_tokens_file_holds_no_plain_hash_of_a_development_token()
    {
        var shipped = File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "tokens.json"));
        foreach (var token in MachineTokens.DevelopmentTokens)
        {
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
            Assert.DoesNotContain(sha, shipped, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(MachineTokens.Hash(SignInSettings.DevelopmentTokenKey, token), shipped, StringComparison.Ordinal);
        }
    }
}

/// <summary>A person's browser: a cookie jar of its own, and the antiforgery token its sign-in answered.</summary>
internal sealed class Person : IDisposable
{
    private readonly HttpClient _http;

    public Person(EngineInstance engine)
    {
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = engine.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Api = new ApiClient(_http);
    }

    public ApiClient Api { get; }

    public string? Antiforgery { get; private set; }

    public async Task<Reply> SignIn(string name, string password)
    {
        var reply = await Api.Post("/auth/sign-in", new { name, password });
        if (reply.Status == HttpStatusCode.OK)
        {
            Antiforgery = reply.Body.Str("antiforgery");
        }

        return reply;
    }

    /// <summary>A command as the board sends it: JSON, with the session's antiforgery token.</summary>
    public HttpRequestMessage Command(string path, JsonNode? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        request.Headers.Add(Sessions.AntiforgeryHeader, Antiforgery ?? "");
        return request;
    }

    public void Dispose() => Api.Dispose();
}
