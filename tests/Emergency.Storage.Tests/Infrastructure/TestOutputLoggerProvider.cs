using Microsoft.Extensions.Logging;

namespace Emergency.Storage.Tests.Infrastructure;

/// <summary>Routes silo warnings and errors to the current test's output, so a failing test shows why.</summary>
internal sealed class TestOutputLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new OutputLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class OutputLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            try
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"[{logLevel}] {category}: {formatter(state, exception)} {exception}");
            }
            catch (InvalidOperationException)
            {
                // Silo background work can log after its test has finished; that output has nowhere to go.
            }
        }
    }
}
