import { describe, expect, it } from 'vitest';
import { createLogger, type LogLine } from '../../sync-server/log.js';
import { createCounters, renderMetrics } from '../../sync-server/metrics.js';
import { metric } from './helpers.js';

describe('metrics', () => {
  it('renders every metric with HELP and TYPE lines', () => {
    const counters = createCounters();
    counters.bytesIn = 1234;
    counters.authRefused = 2;
    const text = renderMetrics(counters, { connections: 3, workspacesLoaded: 1 });
    for (const [name, type] of [
      ['relance_connections', 'gauge'],
      ['relance_workspaces_loaded', 'gauge'],
      ['relance_updates_persisted_total', 'counter'],
      ['relance_bytes_in_total', 'counter'],
      ['relance_bytes_out_total', 'counter'],
      ['relance_errors_total', 'counter'],
      ['relance_auth_refused_total', 'counter'],
      ['relance_frames_rejected_total', 'counter']
    ]) {
      expect(text).toContain(`# HELP ${name} `);
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
    }
    expect(metric(text, 'relance_connections')).toBe(3);
    expect(metric(text, 'relance_bytes_in_total')).toBe(1234);
    expect(metric(text, 'relance_auth_refused_total')).toBe(2);
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('log', () => {
  it('writes one JSON object per line, errors flattened to one line, and counts problems', () => {
    const lines: LogLine[] = [];
    let problems = 0;
    const log = createLogger((line) => lines.push(line), () => problems++);
    const error = new Error('first line\n    at somewhere (file.js:1:1)');
    log.error('boom', { workspace: 'w', remote: '127.0.0.1', error });
    log.warn('careful');
    log.info('fine');
    expect(problems).toBe(2);
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'boom', workspace: 'w', remote: '127.0.0.1' });
    expect(lines[0].error).toBe('first line at somewhere (file.js:1:1)');
    for (const line of lines) expect(JSON.stringify(line)).not.toContain('\n');
  });
});
