using Amani.Platform.Data;
using Amani.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Register.Reporting.Sms;

internal sealed class SmsOutboxMessageConfiguration : IEntityTypeConfiguration<SmsOutboxMessage>
{
    public void Configure(EntityTypeBuilder<SmsOutboxMessage> message)
    {
        // An SMS notification's row (with a user) is delivery bookkeeping; a reply to a reporter is audited by its sender.
        message.IsBookkeepingWhen(entry => entry.Entity is SmsOutboxMessage { UserId: not null } && entry.State is EntityState.Added or EntityState.Modified);
        message.ToTable("sms_outbox");
        message.HasOne<CommunityReport>().WithMany().HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Cascade);
        message.HasOne<ReportMessage>().WithMany().HasForeignKey(m => m.ReportMessageId).OnDelete(DeleteBehavior.Cascade);
        message.HasOne<AmaniUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        message.HasIndex(m => new { m.Status, m.NextAttemptAt });
        message.Property(m => m.Body).HasMaxLength(ReportLimits.Message);
        message.Property(m => m.Status).HasMaxLength(16);
        message.Property(m => m.LastError).HasMaxLength(200);
        message.Property(m => m.GatewayMessageId).HasMaxLength(64);
    }
}

internal sealed class SmsInboundMessageConfiguration : IEntityTypeConfiguration<SmsInboundMessage>
{
    public void Configure(EntityTypeBuilder<SmsInboundMessage> message)
    {
        message.ToTable("sms_inbound_messages");
        message.HasOne<CommunityReport>().WithMany().HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Cascade);
        message.HasIndex(m => m.MessageKeyHash).IsUnique();
        message.Property(m => m.MessageKeyHash).HasMaxLength(64);
    }
}
