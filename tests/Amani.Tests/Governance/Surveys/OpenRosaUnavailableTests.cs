using System.Data.Common;
using System.Net;
using Amani.Governance.Surveys;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;
using static Amani.Tests.Governance.Surveys.SurveyWorld;

namespace Amani.Tests.Governance.Surveys;

/// <summary>
/// When the database fails during intake, the phone is answered 503 with Retry-After and a message that says to send
/// again — never 500 — and nothing of the post is stored; once the database answers again, the same post is stored.
/// The fault is real: a command interceptor makes the database refuse writes to the submissions table (SQLITE_BUSY, or a
/// PostgreSQL connection error), the store itself is the real one.
/// </summary>
public sealed class OpenRosaUnavailableTests
{
    private sealed class FailingSubmissionWrites(DatabaseProvider provider) : DbCommandInterceptor
    {
        public volatile bool Armed;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Fail(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Fail(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Fail(DbCommand command)
        {
            if (!Armed || !command.CommandText.Contains("INSERT INTO \"survey_submissions\"", StringComparison.Ordinal)
                       && !command.CommandText.Contains("INSERT INTO survey_submissions ", StringComparison.Ordinal))
                return;
            throw provider == DatabaseProvider.Sqlite
                ? new SqliteException("database is locked (test fault)", 5)
                : new NpgsqlException("Failed to connect to 127.0.0.1:1 (test fault)");
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_database_failure_during_intake_is_answered_503_send_again_and_nothing_is_stored(DatabaseProvider provider)
    {
        var fault = new FailingSubmissionWrites(provider);
        await using var world = await StartAsync(provider, services: services =>
        {
            services.ConfigureDbContext<AmaniDbContext>((_, options) => options.AddInterceptors(fault));
            // The failure is what this test provokes: EF Core's and the intake's error logs are expected, not a bug.
            services.PostConfigure<LoggerFilterOptions>(options =>
            {
                foreach (var category in new[] { "Microsoft.EntityFrameworkCore.Database.Command", "Microsoft.EntityFrameworkCore.Update",
                             "Amani.Governance.Surveys.OpenRosa.SubmissionIntake" })
                    options.Rules.Add(new LoggerFilterRule(null, category, LogLevel.Critical, null));
            });
        });
        var id = NewInstanceId();
        fault.Armed = true;
        var refused = await world.SubmitAsync(Instance(id), ("note.txt", "a file"));
        Assert.Contains("send it again later", await MessageAsync(refused, HttpStatusCode.ServiceUnavailable));
        Assert.Equal("30", refused.Headers.RetryAfter?.ToString());
        Assert.Equal(0, await world.App.WithDbAsync(db => db.Set<Submission>().CountAsync()));
        Assert.Equal(0, await world.App.WithDbAsync(db => db.Set<SubmissionAttachment>().CountAsync()));
        Assert.False(await world.App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == 4307)));

        fault.Armed = false;
        await MessageAsync(await world.SubmitAsync(Instance(id), ("note.txt", "a file")), HttpStatusCode.Created);
        Assert.Equal(1, await world.App.WithDbAsync(db => db.Set<Submission>().CountAsync()));
    }
}
