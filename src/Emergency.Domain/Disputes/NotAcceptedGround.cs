namespace Emergency.Domain.Disputes;

/// <summary>Why a case is not accepted; the 12369 rules allow only the first four for a hotline report.</summary>
public enum NotAcceptedGround
{
    /// <summary>Not the department's to handle; the petitioner is told where to go.</summary>
    OutsideRemit,

    /// <summary>To be settled by a lawsuit, arbitration or administrative review, or already in one.</summary>
    LegalProceedings,

    /// <summary>The same matter is already accepted; the petitioner is told how to follow it.</summary>
    AlreadyAccepted,

    /// <summary>Already answered; the petitioner is told about review (复查) and second review (复核).</summary>
    AlreadyAnswered,

    Other,
}
