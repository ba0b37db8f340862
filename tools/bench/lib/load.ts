/** One autocannon run, reduced to the figures the report needs. */
import autocannon from 'autocannon';

export interface LoadResult {
  /** Successful (2xx) responses per second: fast error answers do not count as throughput. */
  requestsPerSecond: number;
  /** All responses per second, errors included (autocannon's own figure). */
  allResponsesPerSecond: number;
  seconds: number;
  p50: number;
  p99: number;
  mean: number;
  /** 2xx responses. */
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerRequest: number;
  /** Responses by HTTP status, e.g. { "200": 120, "503": 4 }. */
  statusCodes: Record<string, number>;
}

export async function load(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
    timeout: 30,
  });
  return {
    requestsPerSecond: Math.round((result['2xx'] / Math.max(result.duration, 0.001)) * 10) / 10,
    allResponsesPerSecond: Math.round(result.requests.average * 10) / 10,
    seconds: options.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: Math.round(result.latency.average * 10) / 10,
    total: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0])),
    bytesPerRequest: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
  };
}
