namespace Emergency.Domain.Disputes;

/// <summary>Resident identity card numbers (居民身份证号码, GB 11643-1999): 18 characters with a check digit, or the old 15 digits.</summary>
internal static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckDigits = "10X98765432";

    public static bool IsValid(string text)
    {
        var id = text.Trim();
        if (id.Length == 15)
        {
            return id.All(char.IsAsciiDigit);
        }

        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * Weights[i];
        }

        return char.ToUpperInvariant(id[17]) == CheckDigits[sum % 11];
    }
}
