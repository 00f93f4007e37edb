namespace Amani.Platform.Audit;

/// <summary>Who is acting in the current scope (request or CLI command), and the id that ties log lines and audit rows.</summary>
public sealed class AuditActor
{
    public string Actor { get; set; } = "system";
    public string RequestId { get; set; } = Guid.NewGuid().ToString("N");
}
