import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ConnectionCounter, DEFAULT_LIMITS, limitsFromEnv, remoteAddress } from '../../sync-server/limits.js';
import { optionsFromEnv } from '../../sync-server/server.js';

const request = (remote: string, forwarded?: string) =>
  ({ socket: { remoteAddress: remote }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;

describe('limits', () => {
  it('has the documented defaults and reads overrides from the environment', () => {
    expect(limitsFromEnv({})).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toMatchObject({
      maxPayload: 2 * 1024 * 1024,
      maxConnectionsPerAddress: 50,
      maxConnectionsPerWorkspace: 50,
      pingIntervalMs: 30_000,
      maxConnections: 2_000,
      maxStructsPerUpdate: 50_000,
      workspaceMaxBytes: 512 * 1024 * 1024,
      minFreeBytes: 256 * 1024 * 1024,
      headersTimeoutMs: 10_000
    });
    expect(limitsFromEnv({ RELAY_MAX_PAYLOAD: '1024', RELAY_MAX_CONNECTIONS_PER_ADDRESS: '7' })).toMatchObject({
      maxPayload: 1024,
      maxConnectionsPerAddress: 7
    });
  });

  it('refuses nonsense configuration at startup instead of running with NaN', () => {
    expect(() => limitsFromEnv({ RELAY_MAX_PAYLOAD: '16MB' })).toThrow(/RELAY_MAX_PAYLOAD must be a positive integer/);
    expect(() => limitsFromEnv({ RELAY_PING_MS: '0' })).toThrow(/RELAY_PING_MS/);
    expect(() => optionsFromEnv({ RELAY_OPEN_REGISTRATION: 'maybe' })).toThrow(/RELAY_OPEN_REGISTRATION/);
    expect(() => optionsFromEnv({ PORT: 'http' })).toThrow(/PORT/);
    expect(() => optionsFromEnv({ RELAY_SYNCHRONOUS: 'OFF' })).toThrow(/RELAY_SYNCHRONOUS/);
  });

  it('reads the server options from the environment', () => {
    const options = optionsFromEnv({ PORT: '9000', HOST: '0.0.0.0', RELAY_OPEN_REGISTRATION: 'false', IDLE_UNLOAD_MS: '1000', RELAY_SYNCHRONOUS: 'full' });
    expect(options).toMatchObject({ port: 9000, host: '0.0.0.0', openRegistration: false, idleUnloadMs: 1000, synchronous: 'FULL', trustProxy: false });
    expect(optionsFromEnv({})).toMatchObject({ port: 8787, host: '127.0.0.1', openRegistration: true, idleUnloadMs: 30_000, compactRows: 500 });
  });

  it('takes the client address from the socket, or from the proxy’s X-Forwarded-For entry when trusted', () => {
    expect(remoteAddress(request('10.0.0.1', '1.2.3.4'), false)).toBe('10.0.0.1');
    expect(remoteAddress(request('10.0.0.1', 'spoofed, 1.2.3.4'), true)).toBe('1.2.3.4');
    expect(remoteAddress(request('10.0.0.1'), true)).toBe('10.0.0.1');
  });

  it('counts connections per key up to a maximum', () => {
    const counter = new ConnectionCounter(2);
    counter.add('a');
    expect(counter.hasRoom('a')).toBe(true);
    counter.add('a');
    expect(counter.hasRoom('a')).toBe(false);
    expect(counter.hasRoom('b')).toBe(true);
    counter.remove('a');
    expect(counter.get('a')).toBe(1);
    counter.remove('a');
    expect(counter.get('a')).toBe(0);
  });
});
