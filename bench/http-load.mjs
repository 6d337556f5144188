// Load generator for bench/http.bench.ts, run in a child process so that it does not share the
// server's event loop (autocannon treats worker threads as its own workers): autocannon against
// 127.0.0.1, cycling through prepared request bodies. Receives its settings over IPC.
import autocannon from 'autocannon';

const { url, method, headers, bodies, connections, duration } = await new Promise((resolve) =>
  process.once('message', resolve),
);
let next = 0;
const result = await autocannon({
  url,
  connections,
  duration,
  requests: [
    {
      method,
      headers,
      setupRequest: (request) =>
        bodies.length > 0 ? { ...request, body: bodies[next++ % bodies.length] } : request,
    },
  ],
});
process.send({
  requestsPerSecond: result.requests.average,
  total: result.requests.total,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  errors: result.errors,
  non2xx: result.non2xx,
  timeouts: result.timeouts,
});
process.disconnect();
