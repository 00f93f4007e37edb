namespace Amani.Platform.DataProtection;

/// <summary>An ASP.NET Core Data Protection key ring element, kept in the database so that every node shares it.</summary>
public sealed class DataProtectionKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
