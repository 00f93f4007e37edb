using Microsoft.AspNetCore.DataProtection;
using System.Xml.Linq;
using Amani.Platform.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Amani.Platform.DataProtection;

/// <summary>
/// Keeps the Data Protection key ring in the database (table <c>data_protection_keys</c>) so that every node decrypts
/// what another node encrypted. Written here because Microsoft.AspNetCore.DataProtection.EntityFrameworkCore is not
/// available to this project; it does what that package's repository does.
/// </summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmaniDbContext>();
        return db.DataProtectionKeys.AsEnumerable().Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmaniDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

public static class DataProtectionSetup
{
    public static IServiceCollection AddAmaniDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Amani");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }
}
