using System.ComponentModel.DataAnnotations;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Organizations;

public sealed record OrganizationResponse(Guid Id, string Name, string? Acronym, OrganizationKind Kind, Guid? ParentId)
{
    public static OrganizationResponse From(Organization o) => new(o.Id, o.Name, o.Acronym, o.Kind, o.ParentId);
}

public sealed record CreateOrganizationRequest(
    [property: Required, StringLength(OrganizationLimits.Name, MinimumLength = 2)] string Name,
    [property: StringLength(OrganizationLimits.Acronym)] string? Acronym,
    [property: Required] OrganizationKind? Kind,
    Guid? ParentId);

public static class OrganizationsApi
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services) => services.AddScoped<OrganizationRules>();

    public static RouteGroupBuilder MapOrganizationsApi(this RouteGroupBuilder api)
    {
        var organizations = api.MapGroup("/organizations").WithTags("Organizations");
        organizations.MapGet("/", List).WithName("ListOrganizations").RequirePermission(Permission.OrganizationsRead);
        organizations.MapPost("/", Create).WithName("CreateOrganization").RequirePermission(Permission.OrganizationsManage);
        return api;
    }

    private static async Task<Ok<List<OrganizationResponse>>> List(AmaniDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken))
            .Select(OrganizationResponse.From).ToList());

    private static async Task<Results<Created<OrganizationResponse>, ValidationProblem>> Create(CreateOrganizationRequest request,
        OrganizationRules rules, CancellationToken cancellationToken)
    {
        var result = await rules.CreateAsync(request, cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/organizations/{result.Value!.Id}", OrganizationResponse.From(result.Value))
            : Problem.Invalid(result.Field!, result.Error!);
    }
}

public sealed class OrganizationRules(AmaniDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<Organization>> CreateAsync(CreateOrganizationRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name.Trim();
        if (await db.Organizations.AnyAsync(o => o.Name == name, cancellationToken))
            return Result<Organization>.Invalid("name", $"An organisation named '{name}' already exists.");
        if (request.ParentId is { } parentId && !await db.Organizations.AnyAsync(o => o.Id == parentId, cancellationToken))
            return Result<Organization>.Invalid("parentId", $"There is no organisation {parentId}.");
        var organization = new Organization
        {
            Name = name, Acronym = request.Acronym?.Trim(), Kind = request.Kind!.Value, ParentId = request.ParentId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Organizations.Add(organization);
        audit.Record(AuditAction.OrganizationCreated, Organization.AuditEntity, organization.Id, $"Organisation '{name}' ({organization.Kind}) created.");
        await db.SaveChangesAsync(cancellationToken);
        return Result<Organization>.Ok(organization);
    }
}
