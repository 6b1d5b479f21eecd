using Emergency.Domain.Messages;

namespace Emergency.Domain;

/// <summary>A problem with one field of a command, named by its JSON path ("facts.deaths").</summary>
public sealed record FieldError(string Field, Message Message);

/// <summary>Field checks shared by every command, with limits a person can understand.</summary>
public sealed class Validator
{
    public const int ShortText = 200;
    public const int LongText = 20_000;

    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public Validator Required(string field, string? value, int maxLength = ShortText)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _errors.Add(new FieldError(field, CommonTexts.Required));
        }
        else
        {
            MaxLength(field, value, maxLength);
        }

        return this;
    }

    public Validator Optional(string field, string? value, int maxLength = LongText)
    {
        if (value is not null)
        {
            MaxLength(field, value, maxLength);
        }

        return this;
    }

    public Validator NotNegative(string field, decimal? value)
    {
        if (value < 0)
        {
            _errors.Add(new FieldError(field, CommonTexts.NotNegative));
        }

        return this;
    }

    public Validator Defined<TEnum>(string field, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            _errors.Add(new FieldError(field, CommonTexts.NotOneOfThese(value.ToString(), Enum.GetNames<TEnum>())));
        }

        return this;
    }

    public Validator NotInFuture(string field, DateTimeOffset? value, DateTimeOffset now)
    {
        if (value > now)
        {
            _errors.Add(new FieldError(field, CommonTexts.InFuture.With(("value", value.Value), ("now", now))));
        }

        return this;
    }

    public Validator NotBefore(string field, DateTimeOffset? value, DateTimeOffset earliest, Message what)
    {
        if (value < earliest)
        {
            _errors.Add(new FieldError(field, CommonTexts.Before.With(("value", value.Value), ("what", what), ("earliest", earliest))));
        }

        return this;
    }

    public Validator Add(string field, Message message)
    {
        _errors.Add(new FieldError(field, message));
        return this;
    }

    private void MaxLength(string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            _errors.Add(new FieldError(field, CommonTexts.TooLong.With(("length", value.Length), ("max", maxLength))));
        }
    }
}
