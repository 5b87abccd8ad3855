using System.Diagnostics;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.OpenApi;

/// <summary>
/// /openapi/v1.json passes Spectral's recommended OpenAPI rules (tools/openapi-lint/.spectral.yaml) without a single
/// finding. ./test.sh installs the pinned linter; without it the test fails, it never passes unlinted.
/// </summary>
public sealed class OpenApiLintTests
{
    private static readonly TimeSpan LinterTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task TheDocument_PassesTheRecommendedOpenApiRules_WithoutAnyFinding()
    {
        var tools = Path.Combine(TestEnvironment.RepositoryRoot, "tools", "openapi-lint");
        var spectral = Path.Combine(tools, "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), $"The OpenAPI linter is not installed ({spectral} is missing): run ./test.sh, which installs it.");
        using var server = new MailroomApp();
        var document = Path.Combine(server.DataDirectory, "openapi.json");
        await File.WriteAllTextAsync(document, await server.CreateClient().GetStringAsync("/openapi/v1.json"));

        var (exitCode, output) = await RunAsync(spectral, tools, "lint", document, "--ruleset", ".spectral.yaml", "--fail-severity", "hint");

        Assert.True(exitCode == 0, "Spectral's findings on /openapi/v1.json (a rule that does not apply is switched off, with its reason, "
            + $"in tools/openapi-lint/.spectral.yaml):\n{output}");
        Assert.Contains("No results with a severity of 'hint' or higher found", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(LinterTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {LinterTimeout}.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
