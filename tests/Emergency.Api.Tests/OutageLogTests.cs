using Emergency.Host.Hosting;
using Emergency.Testing.Engine;
using Microsoft.Extensions.Logging;

namespace Emergency.Api.Tests;

/// <summary>An outage is logged twice at the HTTP edge: when refusals begin and when a command goes through again.</summary>
public sealed class OutageLogTests
{
    [Fact]
    public void A_thousand_refused_requests_log_one_warning_when_the_outage_starts_and_one_when_it_ends()
    {
        var log = new EngineLog();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(log));
        var outages = new OutageLog(loggers.CreateLogger<OutageLog>());
        outages.CommandSucceeded();
        Assert.Empty(log.Entries);

        for (var outage = 1; outage <= 2; outage++)
        {
            for (var request = 0; request < 1_000; request++)
            {
                outages.Refused(new TimeoutException("the database did not answer\n   at a stack trace"));
            }

            Assert.True(outages.Ongoing);
            outages.CommandSucceeded();
            outages.CommandSucceeded();
            Assert.False(outages.Ongoing);
            Assert.Equal(2 * outage, log.Entries.Count);
            Assert.Contains("Commands are refused (503) from now on", log.Entries[^2], StringComparison.Ordinal);
            Assert.DoesNotContain("stack trace", log.Entries[^2], StringComparison.Ordinal);
            Assert.Contains("1000 requests were refused", log.Entries[^1], StringComparison.Ordinal);
        }
    }
}
