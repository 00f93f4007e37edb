using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Amani.Bench;

/// <summary>
/// <c>crash</c>: per database, puts the server under report load with a unique idempotency key per request and
/// records every acknowledgement (201 + tracking code); kills the server with SIGKILL mid-load; restarts it; checks
/// that every acknowledged code is stored exactly once under its key; resubmits every request that got no answer and
/// a sample of the acknowledged ones with the same keys and bodies, and checks that no row was duplicated.
/// </summary>
public static class CrashTest
{
    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        var failed = false;
        foreach (var (name, database) in options.Databases())
            failed |= !await RunAsync(options, name, database, cancellationToken);
        Console.WriteLine(failed ? "CRASH TEST FAILED" : "CRASH TEST PASSED");
        return failed ? 1 : 0;
    }

    private static async Task<bool> RunAsync(Options options, string name, string? database, CancellationToken cancellationToken)
    {
        Console.WriteLine($"== {name}: kill -9 under load ({options.Connections} connections)");
        await using var server = new AmaniServer(options.ServerDll, Options.NewDataDirectory(name), database);
        await server.CreateMissionAsync(cancellationToken);
        await server.StartAsync(cancellationToken);
        Console.WriteLine($"   {await StoredReports.DurabilityAsync(server, cancellationToken)}");

        var run = Guid.NewGuid().ToString("N")[..8];
        var acknowledged = new ConcurrentDictionary<long, string>();
        var unanswered = new ConcurrentDictionary<long, byte>();
        var refused = new ConcurrentDictionary<long, HttpStatusCode>();
        var load = new LoadGenerator(server.Address)
        {
            OnAnswer = (index, status, body) =>
            {
                if (status == HttpStatusCode.Created)
                    acknowledged[index] = JsonDocument.Parse(body).RootElement.GetProperty("trackingCode").GetString()!;
                else
                    refused[index] = status;
            },
            OnNoAnswer = index => unanswered[index] = 0,
        };
        var loadTime = TimeSpan.FromSeconds(Math.Max(4, options.Seconds / 2));
        var running = load.RunAsync("crash", "/api/v1/reports", i => ReportBodies.For(run, i), options.Connections, loadTime, cancellationToken);
        await Task.Delay(loadTime / 2, cancellationToken);
        server.Kill();
        var killedAfter = acknowledged.Count;
        Console.WriteLine($"   killed the server (SIGKILL) with {killedAfter} reports acknowledged so far; the load keeps trying until it ends");
        var result = await running;
        var sent = result.Requests;

        await server.StartAsync(cancellationToken);
        var rows = await StoredReports.LoadAsync(server, cancellationToken);
        var byKey = rows.Where(r => r.KeyHash is not null).GroupBy(r => r.KeyHash!).ToDictionary(g => g.Key, g => g.Select(r => r.TrackingCode).ToList());
        var missing = acknowledged.Count(a => !byKey.TryGetValue(StoredReports.KeyHash(ReportBodies.Key(run, a.Key)), out var codes)
                                              || !codes.Contains(a.Value.Replace("-", "")));
        var duplicatedKeys = byKey.Count(k => k.Value.Count > 1);
        var duplicatedCodes = rows.GroupBy(r => r.TrackingCode).Count(g => g.Count() > 1);
        var storedUnacknowledged = unanswered.Keys.Count(i => byKey.ContainsKey(StoredReports.KeyHash(ReportBodies.Key(run, i))));
        Console.WriteLine($"   requests sent: {sent}; acknowledged (201 + code): {acknowledged.Count}; no answer (killed in flight or refused): " +
                          $"{unanswered.Count}; other answers: {refused.Count}");
        Console.WriteLine($"   after restart: {rows.Count} rows; acknowledged but missing: {missing}; keys stored twice: {duplicatedKeys}; " +
                          $"codes stored twice: {duplicatedCodes}; unacknowledged but stored (committed, answer lost): {storedUnacknowledged}");

        // Retry what got no answer, as a client would, and replay a sample of what was acknowledged: same key, same body.
        using var client = new HttpClient { BaseAddress = server.Address };
        var retry = unanswered.Keys.Select(i => (Index: i, Expected: (string?)null))
            .Concat(acknowledged.Take(500).Select(a => (Index: a.Key, Expected: (string?)a.Value))).ToList();
        int created = 0, replayed = 0, sameCode = 0, otherCode = 0, errors = 0;
        foreach (var (index, expected) in retry)
        {
            using var content = new ByteArrayContent(ReportBodies.For(run, index));
            content.Headers.ContentType = new("application/json");
            using var response = await client.PostAsync("/api/v1/reports", content, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                errors++;
                continue;
            }
            var code = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("trackingCode").GetString();
            if (response.Headers.Contains("Idempotent-Replayed"))
                replayed++;
            else
                created++;
            if (expected is not null)
                _ = code == expected ? sameCode++ : otherCode++;
        }
        var after = await StoredReports.LoadAsync(server, cancellationToken);
        var expectedRows = acknowledged.Count + unanswered.Keys.Count(i => !acknowledged.ContainsKey(i));
        var afterDuplicates = after.Where(r => r.KeyHash is not null).GroupBy(r => r.KeyHash).Count(g => g.Count() > 1);
        Console.WriteLine($"   resubmitted {retry.Count} with the same keys ({unanswered.Count} unanswered + {retry.Count - unanswered.Count} acknowledged): " +
                          $"{created} newly stored, {replayed} replayed (Idempotent-Replayed), {errors} errors; acknowledged ones answered with " +
                          $"their original code: {sameCode}, with another code: {otherCode}");
        var audit = await StoredReports.CountAuditAsync(server, cancellationToken);
        Console.WriteLine($"   rows now: {after.Count} (expected {expectedRows} = acknowledged + retried unanswered); keys stored twice: {afterDuplicates}; " +
                          $"audit rows for reports: {audit}");
        var ok = missing == 0 && duplicatedKeys == 0 && duplicatedCodes == 0 && afterDuplicates == 0 && otherCode == 0 && errors == 0
                 && after.Count == expectedRows && audit == after.Count && replayed >= storedUnacknowledged + sameCode;
        Console.WriteLine(ok ? $"   {name}: PASS" : $"   {name}: FAIL");
        return ok;
    }
}
