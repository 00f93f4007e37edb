using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Attachments;

/// <summary>The module's tables on <see cref="AmaniDbContext"/> (the context itself names no module).</summary>
public static class AttachmentTables
{
    extension(AmaniDbContext db)
    {
        public DbSet<Attachment> Attachments => db.Set<Attachment>();
    }
}
