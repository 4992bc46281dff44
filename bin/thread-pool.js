// Imported first by every entry point (bin/aftersight.js, bin/run-ts.js), before anything can start libuv's
// thread pool: DuckDB runs each query on a thread of that pool, and with Node's default of 4 threads, four slow
// reads (a technician scorecard, a quality table) made every other request wait behind them — a drill-down of
// 50 ms waited a minute under load. With 64 the short reads run beside the long ones. An explicit
// UV_THREADPOOL_SIZE in the environment wins.
process.env.UV_THREADPOOL_SIZE ??= '64';
