// One test at a time: each starts up to three engine processes and measures timings (restart, recovery, deadline
// lag), and side by side they measured each other and ran the shared PostgreSQL server out of connections.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
