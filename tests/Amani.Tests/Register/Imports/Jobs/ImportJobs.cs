using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Imports.Jobs;
using Amani.Tests.Infrastructure;
using Amani.Foundation.Tokens;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Register.Imports.Jobs;

/// <summary>
/// An app for import-job tests, with its own data directory (so a test can see every file a job leaves) and its own
/// job settings, an administrator's session, and helpers to upload a file and poll its job.
/// </summary>
public sealed class ImportJobs : IAsyncDisposable
{
    private readonly DirectoryInfo _data;
    private readonly string _adminEmail;

    private ImportJobs(TestApp app, HttpClient admin, string adminEmail, DirectoryInfo data)
    {
        (App, Admin, _adminEmail, _data) = (app, admin, adminEmail, data);
    }

    public TestApp App { get; }
    public HttpClient Admin { get; }
    public string ImportsFolder => Path.Combine(_data.FullName, "imports");

    /// <param name="hook">When given, sees every progress report of the server's runs (an <see cref="ImportJobGate"/>, say).</param>
    public static async Task<ImportJobs> StartAsync(DatabaseProvider provider, ImportJobSettings? settings = null, IImportJobProgressHook? hook = null)
    {
        var data = Directory.CreateTempSubdirectory("amani-jobs-");
        var app = await TestApp.StartAsync(provider, s => s with { DataDirectory = data.FullName }, services =>
        {
            services.AddSingleton(settings ?? Fast);
            if (hook is not null)
                services.AddSingleton(hook);
        });
        var admin = await app.CreateUserAsync(Role.Administrator);
        return new ImportJobs(app, await app.SignInAsync(admin), admin.Email, data);
    }

    /// <summary>Job settings for tests: progress written five times a second, the rest as in production.</summary>
    public static ImportJobSettings Fast { get; } = new() { ProgressInterval = TimeSpan.FromMilliseconds(200) };

    /// <summary>A multipart import form: the given text fields (null ones left out) and, when given, the file.</summary>
    public static MultipartFormDataContent Form(string? kind, string? mission = null, string? level = null, byte[]? file = null,
        string fileName = "data.csv")
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in new[] { ("kind", kind), ("mission", mission), ("level", level) })
            if (value is not null)
                form.Add(new StringContent(value), name);
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(content, "file", fileName);
        }
        return form;
    }

    /// <summary>
    /// The administrator with a personal access token (scope imports:run) on a client that waits for "100 Continue" as long
    /// as it takes, for uploads that must be refused before their body is sent.
    /// </summary>
    public async Task<HttpClient> TokenClientAsync()
    {
        var secret = await App.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AmaniUser>>();
            var admin = (await users.Users.SingleAsync(u => u.Email == _adminEmail))!;
            var issued = await services.GetRequiredService<TokenIssuer>().IssueAsync(admin, "import tests", ["imports:run"], 1, CancellationToken.None);
            return issued.Value!.Secret;
        });
        var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>Uploads and asserts 202 with the job's address; returns the queued job.</summary>
    public static async Task<JsonElement> UploadAsync(HttpClient client, MultipartFormDataContent form)
    {
        var response = await client.PostAsync("/api/v1/imports", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        var job = JsonDocument.Parse(body).RootElement;
        Assert.Equal($"/api/v1/imports/{job.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
        return job;
    }

    public Task<JsonElement> UploadAsync(MultipartFormDataContent form) => UploadAsync(Admin, form);

    /// <summary>Polls the job until <paramref name="until"/> holds (default: it has finished); fails after a minute.</summary>
    public static async Task<JsonElement> PollAsync(HttpClient client, Guid id, Func<JsonElement, bool>? until = null, int timeoutSeconds = 90)
    {
        until ??= job => job.GetProperty("finished").GetBoolean();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}");
            if (until(job))
                return job;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(timeoutSeconds), $"The job did not get there in {timeoutSeconds} s: {job}");
            await Task.Delay(100);
        }
    }

    public Task<JsonElement> PollAsync(Guid id, Func<JsonElement, bool>? until = null, int timeoutSeconds = 90) =>
        PollAsync(Admin, id, until, timeoutSeconds);

    public static Guid Id(JsonElement job) => job.GetProperty("id").GetGuid();

    public static string Status(JsonElement job) => job.GetProperty("status").GetString()!;

    /// <summary>(read, inserted, updated, unchanged, rejected)</summary>
    public static (long, long, long, long, long) Counts(JsonElement job)
    {
        var c = job.GetProperty("counts");
        return (c.GetProperty("read").GetInt64(), c.GetProperty("inserted").GetInt64(), c.GetProperty("updated").GetInt64(),
            c.GetProperty("unchanged").GetInt64(), c.GetProperty("rejected").GetInt64());
    }

    /// <summary>The files under the data directory's imports folder, relative to it.</summary>
    public IReadOnlyList<string> FilesLeft() => Directory.Exists(ImportsFolder)
        ? Directory.GetFiles(ImportsFolder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(ImportsFolder, f)).Order().ToList()
        : [];

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _data.Delete(recursive: true);
    }
}
