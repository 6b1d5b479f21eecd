using System.Text.Json;

namespace Emergency.Storage.Tests.Grains;

/// <summary>Marks personal data in the probe, as the domain's <c>[PersonalData]</c> does in the engine.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ProbePersonalAttribute : Attribute;

/// <summary>A stored state with a person in it: marked text, a marked JSON answer, and unmarked fields beside them.</summary>
public sealed class PersonProbeState
{
    public string CaseId { get; set; } = "";

    [ProbePersonal]
    public string? Name { get; set; }

    [ProbePersonal]
    public string? Phone { get; set; }

    [ProbePersonal]
    public string? IdNumber { get; set; }

    [ProbePersonal]
    public JsonElement? Answer { get; set; }

    public int Writes { get; set; }
}

[GenerateSerializer]
public sealed record PersonSnapshot(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Phone,
    [property: Id(2)] string? IdNumber,
    [property: Id(3)] string? Answer,
    [property: Id(4)] int Writes);

public interface IPersonProbeGrain : IGrainWithStringKey
{
    Task<PersonSnapshot> GetAsync();

    Task SetAsync(string? name, string? phone, string? idNumber, string? answerJson);

    /// <summary>Writes the state again as it was read: a row stored in clear gets encrypted.</summary>
    Task TouchAsync();
}

public sealed class PersonProbeGrain(
    [PersistentState(PersonProbeGrain.StateName, EmergencyStorage.ProviderName)] IPersistentState<PersonProbeState> state)
    : Grain, IPersonProbeGrain
{
    public const string StateName = "person";

    public Task<PersonSnapshot> GetAsync() => Task.FromResult(new PersonSnapshot(
        state.State.Name, state.State.Phone, state.State.IdNumber, state.State.Answer?.GetRawText(), state.State.Writes));

    public Task SetAsync(string? name, string? phone, string? idNumber, string? answerJson)
    {
        state.State.CaseId = this.GetPrimaryKeyString();
        state.State.Name = name;
        state.State.Phone = phone;
        state.State.IdNumber = idNumber;
        state.State.Answer = answerJson is null ? null : JsonDocument.Parse(answerJson).RootElement.Clone();
        state.State.Writes++;
        return state.WriteStateAsync();
    }

    public Task TouchAsync()
    {
        state.State.Writes++;
        return state.WriteStateAsync();
    }
}
