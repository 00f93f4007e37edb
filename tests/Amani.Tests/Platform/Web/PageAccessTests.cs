using System.Net;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Organizations;
using Amani.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Platform.Web.PageAccessMatrix;

namespace Amani.Tests.Platform.Web;

/// <summary>Every page × the anonymous public and every role: opened, sent to sign in, refused (403) or hidden (404).</summary>
public sealed class PageAccessTests
{
    [Fact]
    public async Task Every_page_is_in_the_matrix_and_every_row_is_a_page()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var pages = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>().Select(p => "/" + p.AttributeRouteInfo!.Template!.Replace("{code}", "{code}")).ToHashSet();
        var rows = Rows.Select(r => r.Path).ToHashSet();
        Assert.Empty(pages.Except(rows));
        Assert.Empty(rows.Except(pages));
        Assert.All(Rows, r => Assert.Equal(r.Gate == Gate.Permission, r.Permission is not null));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Each_page_opens_exactly_for_the_roles_that_may_see_it(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var partners = await app.WithScopeAsync(async services => (await services.GetRequiredService<OrganizationRules>().CreateAsync(
            new CreateOrganizationRequest("Page partner", "PP", OrganizationKind.Ngo, null), CancellationToken.None)).Value!);
        var callers = new List<(string Name, Role? Role, HttpClient Client)> { ("anonymous", null, app.CreateClient()) };
        foreach (var role in AccessCatalog.Roles)
            callers.Add((role.ToString(), role, await app.SignInAsync(await app.CreateUserAsync(role, role == Role.Administrator ? null : TestMission.Code,
                role.ForOrganization ? partners.Id : null))));

        var failures = new List<string>();
        foreach (var row in Rows.Where(r => r.Gate != Gate.FormOnly))
        {
            var path = row.Open is null ? row.Path.Replace("{code}", TestMission.Code) : await row.Open(app);
            foreach (var (name, role, client) in callers)
            {
                var response = await client.GetAsync(path);
                var expected = Expected(row, role);
                if (response.StatusCode != expected)
                    failures.Add($"GET {path} as {name}: {(int)response.StatusCode}, expected {(int)expected}");
                if (expected == HttpStatusCode.Redirect && !response.Headers.Location!.OriginalString.StartsWith("/account/login?returnUrl="))
                    failures.Add($"GET {path} as {name}: sent to {response.Headers.Location}, expected the sign-in page");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused_with_a_page_that_says_why()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var response = await app.CreateClient().PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form had expired or came from another site", await response.Content.ReadAsStringAsync());
    }

    private static HttpStatusCode Expected(Row row, Role? role) => row.Gate switch
    {
        Gate.Public => HttpStatusCode.OK,
        _ when role is null => HttpStatusCode.Redirect,
        Gate.SignedIn => HttpStatusCode.OK,
        _ when RolePermissions.Grants(role.Value, row.Permission!.Value) =>
            row.AlsoNeeded is { } also && !RolePermissions.Grants(role.Value, also) ? HttpStatusCode.Forbidden : HttpStatusCode.OK,
        _ => row.Path.Contains("{code}") ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden,
    };
}
