// The relay's counters and gauges, rendered in the Prometheus text exposition format
// (https://prometheus.io/docs/instrumenting/exposition_formats/) for GET /metrics.

export interface Counters {
  updatesPersisted: number;
  bytesIn: number;
  bytesOut: number;
  errors: number;
  authRefused: number;
  framesRejected: number;
  connectionsRefused: number;
  compactions: number;
  quotaRefused: number;
  rateLimited: number;
  structCapRefused: number;
  diskRefused: number;
  commitBatches: number;
}

export interface Gauges {
  connections: number;
  workspacesLoaded: number;
  /** Archive rooms held in memory (one gauge for all: no label per room). */
  archiveRoomsLoaded?: number;
  /** 1 while the data disk is below RELAY_MIN_FREE_BYTES. */
  diskLow?: number;
}

export function createCounters(): Counters {
  return {
    updatesPersisted: 0,
    bytesIn: 0,
    bytesOut: 0,
    errors: 0,
    authRefused: 0,
    framesRejected: 0,
    connectionsRefused: 0,
    compactions: 0,
    quotaRefused: 0,
    rateLimited: 0,
    structCapRefused: 0,
    diskRefused: 0,
    commitBatches: 0
  };
}

interface Metric {
  name: string;
  type: 'counter' | 'gauge';
  help: string;
  value: number;
}

function describe(counters: Counters, gauges: Gauges): Metric[] {
  return [
    { name: 'relance_connections', type: 'gauge', help: 'Open WebSocket connections.', value: gauges.connections },
    { name: 'relance_workspaces_loaded', type: 'gauge', help: 'Workspaces whose live document is held in memory.', value: gauges.workspacesLoaded },
    { name: 'relance_archive_rooms_loaded', type: 'gauge', help: 'Archive rooms (a workspace\'s closed years) held in memory.', value: gauges.archiveRoomsLoaded ?? 0 },
    { name: 'relance_updates_persisted_total', type: 'counter', help: 'Yjs updates appended to SQLite.', value: counters.updatesPersisted },
    { name: 'relance_bytes_in_total', type: 'counter', help: 'WebSocket payload bytes received.', value: counters.bytesIn },
    { name: 'relance_bytes_out_total', type: 'counter', help: 'WebSocket payload bytes sent.', value: counters.bytesOut },
    { name: 'relance_errors_total', type: 'counter', help: 'Problems logged at level warn or error.', value: counters.errors },
    { name: 'relance_auth_refused_total', type: 'counter', help: 'Requests refused for a missing, wrong or unregistered key.', value: counters.authRefused },
    { name: 'relance_frames_rejected_total', type: 'counter', help: 'WebSocket frames refused (text, malformed, oversized, unknown type); each closed its socket.', value: counters.framesRejected },
    { name: 'relance_connections_refused_total', type: 'counter', help: 'Upgrades refused by a connection cap or during shutdown.', value: counters.connectionsRefused },
    { name: 'relance_compactions_total', type: 'counter', help: 'Workspaces whose stored updates were merged into one.', value: counters.compactions },
    { name: 'relance_quota_refused_total', type: 'counter', help: 'Updates refused by a workspace quota (stored bytes or rows); each closed its socket with 4413.', value: counters.quotaRefused },
    { name: 'relance_rate_limited_total', type: 'counter', help: 'Times a socket was paused for going over its message or byte rate.', value: counters.rateLimited },
    { name: 'relance_struct_cap_refused_total', type: 'counter', help: 'Updates refused before decoding for holding too many structs; each closed its socket with 1009.', value: counters.structCapRefused },
    { name: 'relance_disk_refused_total', type: 'counter', help: 'Updates refused because the data disk is below its free-space watermark (close 1013).', value: counters.diskRefused },
    { name: 'relance_commit_batches_total', type: 'counter', help: 'SQLite transactions that stored a batch of received frames.', value: counters.commitBatches },
    { name: 'relance_disk_low', type: 'gauge', help: '1 while the data disk is below RELAY_MIN_FREE_BYTES.', value: gauges.diskLow ?? 0 }
  ];
}

/** The text body of GET /metrics. */
export function renderMetrics(counters: Counters, gauges: Gauges): string {
  return describe(counters, gauges)
    .map((m) => `# HELP ${m.name} ${m.help}\n# TYPE ${m.name} ${m.type}\n${m.name} ${m.value}\n`)
    .join('');
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
