using Amani.Platform.Identity;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Foundation.Accounts;

/// <summary>
/// A browser session, kept on the server so that signing out ends it there: the session cookie names its session
/// (<see cref="UserSessions.Claim"/>), and a cookie whose session has ended — signed out, signed out everywhere — is
/// refused on its next request, even if someone saved it before. Not audited row by row: sign-in and sign-out are.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// <summary>Why it ended: <c>sign-out</c>, <c>sign-out-everywhere</c>.</summary>
    public string? EndedBy { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.ToTable("user_sessions");
        session.HasOne<AmaniUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => s.UserId);
        session.Property(s => s.EndedBy).HasMaxLength(32);
        session.IsBookkeeping();
    }
}
