namespace Amani.Register.Reporting.Sms;

/// <summary>What an incoming SMS asks for (see <see cref="SmsSyntax"/>).</summary>
public abstract record SmsCommand
{
    private SmsCommand() { }

    /// <summary>A new report: free text, or the structured form with a place, an area P-code and other fields.</summary>
    public sealed record Report(string Description, string? PlaceName, string? AreaPCode, string? MissionCode, string? Language) : SmsCommand;

    /// <summary>The status of the report with this (normalised) tracking code.</summary>
    public sealed record Status(string TrackingCode) : SmsCommand;

    /// <summary>
    /// More information for the report with this code. <see cref="Explicit"/> when the sender used the keyword (M, MSG…);
    /// a bare "code text" whose code does not exist is a new report instead.
    /// </summary>
    public sealed record AddInfo(string TrackingCode, string Text, bool Explicit) : SmsCommand;

    /// <summary>A keyword without what it needs ("S" without a code, "R" without text): the sender gets the syntax back.</summary>
    public sealed record Help(string Problem) : SmsCommand;
}
