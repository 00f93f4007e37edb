using Amani.Platform.Data;
using Amani.Platform.Hosting;
using Amani.Register.Attachments;

namespace Amani.Governance.Surveys.OpenRosa;

/// <summary>
/// The OpenRosa server ODK Collect and KoboCollect talk to, under the server URL an app user is given:
/// <c>/api/v1/openrosa/key/{token}/missions/{code}</c> + <c>/formList</c>, <c>/forms/{formId}.xml</c>,
/// <c>/forms/{formId}/manifest</c>, <c>/forms/{formId}/media/{name}</c> and <c>/submission</c>. The key in the path
/// authenticates (as ODK Central's app users). Field accounts — staff holding <c>surveys:submit</c> in the mission — reach the
/// same endpoints under <c>/api/v1/openrosa/missions/{code}</c> with HTTP Basic or their browser session
/// (<see cref="OpenRosaCallers"/>). Every answer, refusals included, is OpenRosa XML with
/// <c>X-OpenRosa-Version: 1.0</c> (<see cref="OpenRosaHeaders"/>). Absolute links come from the public address.
/// </summary>
public static class OpenRosaApi
{
    public static RouteGroupBuilder MapOpenRosaApi(this RouteGroupBuilder api)
    {
        MapServer(api.MapGroup("/openrosa/key/{token}/missions/{code}").WithTags("OpenRosa (ODK Collect)"), "");
        MapServer(api.MapGroup("/openrosa/missions/{code}").WithTags("OpenRosa (field accounts)"), "Field");
        return api;
    }

    private static void MapServer(RouteGroupBuilder server, string name)
    {
        server.DisableAntiforgery(); // a post with a session cookie is checked by SessionAntiforgery (X-CSRF-TOKEN), as any API post
        server.MapGet("/formList", FormList).WithName($"{name}OpenRosaFormList");
        server.MapGet("/forms/{xmlFormId}.xml", XForm).WithName($"{name}OpenRosaForm");
        server.MapGet("/forms/{xmlFormId}/manifest", Manifest).WithName($"{name}OpenRosaManifest");
        server.MapGet("/forms/{xmlFormId}/media/{name}", Media).WithName($"{name}OpenRosaMedia");
        server.MapMethods("/submission", [HttpMethods.Head, HttpMethods.Get], Probe).WithName($"{name}OpenRosaSubmissionProbe");
        server.MapPost("/submission", Submit).WithName($"{name}OpenRosaSubmission")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(OpenRosaLimits.MaxPostBytes));
        if (((IEndpointRouteBuilder)server).ServiceProvider.GetRequiredService<AmaniSettings>().BenchmarkNoop)
            server.MapPost("/bench/read", ReadOnly).WithName($"{name}OpenRosaBenchmarkRead").ExcludeFromDescription();
    }

    private static async Task<IResult> FormList(string code, string? formID, HttpContext http, OpenRosaCallers callers, OpenRosaForms forms,
        PublicAddress address, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(http, code, cancellationToken);
        if (caller.Refused is { } refused)
            return refused;
        var server = ServerPath(address, http, caller.Mission!.Code);
        var offered = await forms.OfferedAsync(caller, string.IsNullOrWhiteSpace(formID) ? null : formID, cancellationToken);
        return OpenRosaXml.FormList(offered.Select(f => new FormListEntry(f.XmlFormId, f.Title, f.Version, f.Md5,
            $"{server}/forms/{Uri.EscapeDataString(f.XmlFormId)}.xml", f.HasMedia ? $"{server}/forms/{Uri.EscapeDataString(f.XmlFormId)}/manifest" : null)));
    }

    private static async Task<IResult> XForm(string code, string xmlFormId, HttpContext http, OpenRosaCallers callers, OpenRosaForms forms,
        CancellationToken cancellationToken)
    {
        var (caller, form) = await FindAsync(http, callers, forms, code, xmlFormId, cancellationToken);
        if (caller.Refused is { } refused)
            return refused;
        if (form is null || await forms.XFormAsync(form.VersionId, cancellationToken) is not { } xform)
            return NoForm(xmlFormId);
        return TypedResults.Text(xform, OpenRosaXml.ContentType, System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> Manifest(string code, string xmlFormId, HttpContext http, OpenRosaCallers callers, OpenRosaForms forms,
        PublicAddress address, CancellationToken cancellationToken)
    {
        var (caller, form) = await FindAsync(http, callers, forms, code, xmlFormId, cancellationToken);
        if (caller.Refused is { } refused)
            return refused;
        if (form is null)
            return NoForm(xmlFormId);
        var media = $"{ServerPath(address, http, caller.Mission!.Code)}/forms/{Uri.EscapeDataString(xmlFormId)}/media/";
        return OpenRosaXml.Manifest((await forms.MediaAsync(form.VersionId, cancellationToken))
            .Select(m => new ManifestEntry(m.Name, m.Md5!, media + Uri.EscapeDataString(m.Name))));
    }

    private static async Task<IResult> Media(string code, string xmlFormId, string name, HttpContext http, OpenRosaCallers callers, OpenRosaForms forms,
        BlobStore blobs, CancellationToken cancellationToken)
    {
        var (caller, form) = await FindAsync(http, callers, forms, code, xmlFormId, cancellationToken);
        if (caller.Refused is { } refused)
            return refused;
        if (form is null)
            return NoForm(xmlFormId);
        var file = (await forms.MediaAsync(form.VersionId, cancellationToken)).FirstOrDefault(m => m.Name == name);
        if (file is null || blobs.OpenRead(file.Blob!) is not { } content)
            return OpenRosaXml.Message(StatusCodes.Status404NotFound, $"The form '{xmlFormId}' has no media file '{name}'.");
        return TypedResults.Stream(content, file.ContentType ?? "application/octet-stream", fileDownloadName: null);
    }

    /// <summary>ODK Collect asks (HEAD) before it posts: 204, and how large a post may be.</summary>
    private static async Task<IResult> Probe(string code, HttpContext http, OpenRosaCallers callers, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(http, code, cancellationToken);
        if (caller.Refused is { } refused)
            return refused;
        http.Response.Headers["X-OpenRosa-Accept-Content-Length"] = OpenRosaLimits.MaxPostBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A submission post. When the database fails meanwhile (unreachable, busy after its retries, a write refused), the phone
    /// is answered 503 with <c>Retry-After</c> — nothing of the post was committed, and it sends the submission again.
    /// </summary>
    private static async Task<IResult> Submit(string code, HttpContext http, OpenRosaCallers callers, SubmissionReader reader,
        SubmissionIntake intake, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        try
        {
            return await SubmitAsync(code, http, callers, reader, intake, cancellationToken);
        }
        catch (Exception unavailable) when (DatabaseErrors.IsTransient(unavailable) && !cancellationToken.IsCancellationRequested)
        {
            logs.CreateLogger(typeof(OpenRosaApi)).LogWarning(unavailable, "A survey submission was answered 503: the database failed");
            return OpenRosaXml.WithHeader(OpenRosaXml.Message(StatusCodes.Status503ServiceUnavailable,
                "The server could not store the submission just now: its database did not answer. Nothing was stored; send it again later."),
                "Retry-After", RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// The intake benchmark's reference (mapped only when <c>AMANI_BENCH_NOOP=true</c>): a submission post taken through the
    /// same pipeline, caller and checks as <c>POST submission</c>, answered 201 without being stored.
    /// </summary>
    private static async Task<IResult> ReadOnly(string code, HttpContext http, OpenRosaCallers callers, SubmissionReader reader, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(http, code, cancellationToken);
        if (caller.Refused is { } refused)
            return refused;
        var (_, problem) = await reader.ReadAsync(http, caller, cancellationToken);
        return problem ?? OpenRosaXml.Message(StatusCodes.Status201Created, "Submission read (benchmark reference: nothing stored).");
    }

    /// <summary>How long a phone is asked to wait before it sends again after a 503.</summary>
    public const int RetryAfterSeconds = 30;

    private static async Task<IResult> SubmitAsync(string code, HttpContext http, OpenRosaCallers callers, SubmissionReader reader,
        SubmissionIntake intake, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(http, code, cancellationToken);
        if (caller.Refused is { } refused)
            return refused;
        var (post, problem) = await reader.ReadAsync(http, caller, cancellationToken);
        if (problem is not null)
            return problem;
        var answer = await intake.SubmitAsync(post!, cancellationToken);
        var waiting = answer.Missing.Count == 0 ? "" : $" Waiting for {answer.Missing.Count} attachment(s): {string.Join(", ", answer.Missing.Take(10))}.";
        return answer.Result switch
        {
            IntakeResult.Created => OpenRosaXml.Message(StatusCodes.Status201Created, "Submission received." + waiting),
            IntakeResult.AttachmentsAdded => OpenRosaXml.Message(StatusCodes.Status201Created, "Attachments received." + waiting),
            IntakeResult.Duplicate => OpenRosaXml.Message(StatusCodes.Status202Accepted, "Duplicate: this submission was already received." + waiting),
            IntakeResult.Edited => OpenRosaXml.Message(StatusCodes.Status201Created, "Edit received: it replaces the earlier version, which is kept." + waiting),
            IntakeResult.UnknownDeprecated => OpenRosaXml.Message(StatusCodes.Status404NotFound,
                $"This edit replaces the submission {post!.DeprecatedId} (its deprecatedID), which this form does not have. Nothing was stored."),
            IntakeResult.OutdatedEdit => OpenRosaXml.Message(StatusCodes.Status409Conflict,
                $"This edit replaces the version {post!.DeprecatedId}, which another edit already replaced. Edit the current version. Nothing was stored."),
            _ => OpenRosaXml.Message(StatusCodes.Status409Conflict,
                $"A submission with the instanceID {post!.InstanceId} was already received for this form with other content. Nothing was stored."),
        };
    }

    private static async Task<(OpenRosaCaller Caller, OfferedForm? Form)> FindAsync(HttpContext http, OpenRosaCallers callers, OpenRosaForms forms,
        string code, string xmlFormId, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(http, code, cancellationToken);
        if (caller.Refused is not null)
            return (caller, null);
        return (caller, (await forms.OfferedAsync(caller, xmlFormId, cancellationToken)).FirstOrDefault());
    }

    private static IResult NoForm(string xmlFormId) =>
        OpenRosaXml.Message(StatusCodes.Status404NotFound, $"There is no open form '{xmlFormId}' for this phone.");

    /// <summary>The server URL the request came under (with the app user's key, or the field accounts' one), from the public address.</summary>
    private static string ServerPath(PublicAddress address, HttpContext http, string code) =>
        http.GetRouteValue("token") is string token
            ? address.Absolute($"{OpenRosaLinks.Prefix}/key/{Uri.EscapeDataString(token)}/missions/{code}")
            : address.Absolute($"{OpenRosaLinks.Prefix}/missions/{code}");
}

/// <summary>
/// <c>X-OpenRosa-Version: 1.0</c> on every answer under <c>/api/v1/openrosa</c> (refusals of the platform included), and
/// a post announced larger than the server accepts refused as OpenRosa before anything reads it.
/// </summary>
public sealed class OpenRosaHeaders : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (!context.Request.Path.StartsWithSegments(OpenRosaLinks.Prefix))
            {
                await nextMiddleware(context);
                return;
            }
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["X-OpenRosa-Version"] = "1.0";
                return Task.CompletedTask;
            });
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.ContentLength > OpenRosaLimits.MaxPostBytes)
            {
                await OpenRosaXml.Message(StatusCodes.Status413PayloadTooLarge,
                    $"The post is larger than the {OpenRosaLimits.MaxPostBytes / (1024 * 1024)} MB this server accepts. Send the attachments over several posts.")
                    .ExecuteAsync(context);
                return;
            }
            await nextMiddleware(context);
        });
        next(app);
    };
}
