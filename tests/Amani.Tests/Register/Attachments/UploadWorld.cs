using System.Net.Http.Headers;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;

namespace Amani.Tests.Register.Attachments;

/// <summary>A test server with its own data directory, so that the blobs a test stores (or must not store) can be counted.</summary>
public static class UploadWorld
{
    public static async Task<(TestApp App, string DataDirectory)> StartAsync(DatabaseProvider provider)
    {
        var directory = Path.Combine(Path.GetTempPath(), "amani-uploads-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var app = await TestApp.StartAsync(provider, settings => settings with { DataDirectory = directory });
        await TestMission.CreateAsync(app);
        return (app, directory);
    }

    /// <summary>Every stored blob (temporary files included), by path under <c>blobs/</c>.</summary>
    public static List<string> Blobs(string dataDirectory)
    {
        var root = Path.Combine(dataDirectory, "blobs");
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p)).ToList() : [];
    }

    public static MultipartFormDataContent Report(string description, params (byte[] Content, string Name, string DeclaredType)[] photos)
    {
        var form = new MultipartFormDataContent { { new StringContent(description), "description" }, { new StringContent("4.4"), "latitude" },
            { new StringContent("18.6"), "longitude" } };
        foreach (var (content, name, declared) in photos)
            form.Add(File(content, declared), "photos", name);
        return form;
    }

    public static ByteArrayContent File(byte[] content, string declaredType)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        return file;
    }
}
