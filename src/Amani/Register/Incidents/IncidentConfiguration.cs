using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Platform.Records;
using Amani.Register.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Register.Incidents;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> incident)
    {
        incident.ToTable("incidents");
        incident.HasOne<Mission>().WithMany().HasForeignKey(i => i.MissionId).OnDelete(DeleteBehavior.Restrict);
        incident.HasOne<AdminArea>().WithMany().HasForeignKey(i => i.AreaId).OnDelete(DeleteBehavior.Restrict);
        incident.HasOne<Incident>().WithMany().HasForeignKey(i => i.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
        incident.HasMany(i => i.Actors).WithOne().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Cascade);
        incident.HasMany(i => i.Grants).WithOne().HasForeignKey(g => g.IncidentId).OnDelete(DeleteBehavior.Cascade);
        incident.HasMany<Attachment>().WithOne().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Restrict);
        incident.Property(i => i.Version).IsConcurrencyToken();
        incident.HasIndex(i => new { i.MissionId, i.OccurredFrom, i.Id });
        incident.HasIndex(i => new { i.MissionId, i.Status });
        incident.HasIndex(i => new { i.MissionId, i.Latitude, i.Longitude });
        incident.HasIndex(i => i.AreaId);
        incident.HasIndex(i => i.PrioGridCell);
        incident.HasIndex(i => new { i.MissionId, i.UpdatedAt }); // the dashboard map catches up with changed incidents
        incident.HasIndex(i => new { i.MissionId, i.Id }); // exports, in the order of recording (= the order on disk)
        incident.HasIndex(i => new { i.MissionId, i.ExternalSource, i.ExternalId }).IsUnique();
        incident.Property(i => i.ExternalSource).HasMaxLength(32);
        incident.Property(i => i.ExternalId).HasMaxLength(64);
        incident.Property(i => i.ExternalHash).HasMaxLength(64);
        incident.Property(i => i.CategoryCode).HasMaxLength(80);
        incident.Property(i => i.PlaceName).HasMaxLength(IncidentLimits.PlaceName);
        foreach (var name in new[] { nameof(Incident.Source), nameof(Incident.OccurredPrecision), nameof(Incident.LocationPrecision),
                     nameof(Incident.Confidentiality), nameof(Incident.Confidence), nameof(Incident.Status) })
            incident.Property(name).HasMaxLength(24);
    }
}

internal sealed class IncidentActorConfiguration : IEntityTypeConfiguration<IncidentActor>
{
    public void Configure(EntityTypeBuilder<IncidentActor> actor)
    {
        actor.ToTable("incident_actors");
        actor.Property(a => a.Name).HasMaxLength(IncidentLimits.ActorName);
        actor.Property(a => a.Type).HasMaxLength(24);
    }
}

internal sealed class IncidentGrantConfiguration : IEntityTypeConfiguration<IncidentGrant>
{
    public void Configure(EntityTypeBuilder<IncidentGrant> grant)
    {
        grant.ToTable("incident_grants");
        grant.HasOne<Organization>().WithMany().HasForeignKey(g => g.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        grant.Property(g => g.Role).HasMaxLength(32);
    }
}

internal sealed class IncidentStatusChangeConfiguration : IEntityTypeConfiguration<IncidentStatusChange>
{
    public void Configure(EntityTypeBuilder<IncidentStatusChange> change)
    {
        change.ToTable("incident_status_changes");
        change.HasOne<Incident>().WithMany().HasForeignKey(c => c.IncidentId).OnDelete(DeleteBehavior.Cascade);
        change.HasIndex(c => new { c.IncidentId, c.At });
        change.IsHistory<IncidentStatusChange, IncidentStatus>(IncidentLimits.Reason);
        change.Property(c => c.ToStatus).IsRequired(); // every entry of an incident's history is a move
    }
}

public static class IncidentLimits
{
    public const int Description = 10_000;
    public const int PlaceName = 200;
    public const int ActorName = 200;
    public const int Actors = 20;
    public const int Reason = 1000;
}
