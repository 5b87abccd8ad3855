using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.Storage;

/// <summary>The disk under the blob store is really full (a 64 KB tmpfs, mounted as root like the tests run).</summary>
public sealed class StorageFullApiTests : IAsyncLifetime
{
    private readonly string _mount = Path.Combine(Path.GetTempPath(), "mailroom-full-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_mount);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", _mount);
    }

    [Fact]
    public async Task Upload_BlobDiskFull_Answers503StorageFull_NotA500_AndLeavesNoHalfWrittenFile()
    {
        using var app = new MailroomApp(settings: new Dictionary<string, string?> { ["Mailroom:BlobPath"] = _mount });
        var admin = await app.AdminClientAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[200_000]), "file", "scan.pdf" } };

        var response = await admin.PostAsync("/api/uploads", form);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Storage full.", problem.GetProperty("title").GetString());
        Assert.Empty(Directory.EnumerateFiles(_mount, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Checklist_AfterAWriteFoundTheDiskFull_TellsTheAdministratorWhenAndWhich()
    {
        using var app = new MailroomApp(settings: new Dictionary<string, string?> { ["Mailroom:BlobPath"] = _mount });
        var admin = await app.AdminClientAsync();
        Assert.Null(await StorageItemAsync(admin));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[200_000]), "file", "scan.pdf" } };

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await admin.PostAsync("/api/uploads", form)).StatusCode);

        var item = (await StorageItemAsync(admin))!.Value;
        Assert.False(item.GetProperty("done").GetBoolean());
        Assert.Contains("disk was full", item.GetProperty("problem").GetString());
        Assert.Contains("POST /api/uploads", item.GetProperty("problem").GetString());
    }

    // The checklist's line about the disk, which is there only while a write recently found it full.
    private static async Task<JsonElement?> StorageItemAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/setup/checklist")).EnumerateArray()
            .Where(i => i.GetProperty("title").GetString() == "Make room on Mailroom's disk").Select(i => (JsonElement?)i).SingleOrDefault();

    public async Task DisposeAsync()
    {
        await RunAsync("umount", _mount);
        Directory.Delete(_mount, recursive: true);
    }

    // ./test.sh runs as root or as a user with sudo, like the mail server scripts.
    private static async Task RunAsync(string command, params string[] args)
    {
        var start = Environment.IsPrivilegedProcess
            ? new ProcessStartInfo(command, args)
            : new ProcessStartInfo("sudo", ["-n", command, .. args]);
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)} failed: {error}");
    }
}
