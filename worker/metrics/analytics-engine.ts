/**
 * Workers Analytics Engine writes for fleet-wide figures that no single
 * isolate sees (turn latency, sockets): one data point per event when the
 * optional `METRICS` binding is configured (see wrangler.jsonc), nothing
 * otherwise. Query them with the Analytics Engine SQL API, e.g.
 * `SELECT blob1 AS event, blob2 AS outcome, quantileWeighted(0.95)(double1, _sample_interval) FROM switchboard_metrics GROUP BY event, outcome`.
 */

/** blobs: [event, detail]; doubles: [value]; index: the event (the sampling key). */
export function writeMetricPoint(env: { METRICS?: AnalyticsEngineDataset }, event: 'turn' | 'socket_open' | 'socket_close', detail: string, value: number): void {
  try {
    env.METRICS?.writeDataPoint({ indexes: [event], blobs: [event, detail], doubles: [value] });
  } catch {
    // Telemetry never breaks a turn.
  }
}
