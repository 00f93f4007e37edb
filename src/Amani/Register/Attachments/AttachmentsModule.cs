using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Register.Attachments;

/// <summary>Registers the Attachments module: see <see cref="IAmaniModule"/>.</summary>
public sealed class AttachmentsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddAttachments().AddSingleton<Amani.Platform.FollowUps.IImageCleaner, ImageCleaner>();
}
