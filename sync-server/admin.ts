// Operator commands on DATA_DIR's database (`npm run relay:admin -- <command>`):
//
//   add <workspaceId> <key>   register a workspace (for RELAY_OPEN_REGISTRATION=false)
//   remove <workspaceId>      delete a workspace, its updates and envelopes
//   list [--json]             ids, stored updates, bytes, last activity
//   code [--uses N] [--expires <days>]   a new registration code (printed once, stored hashed)
//   codes [--json]            registration codes: id, uses left, expiry (never the code)
//   revoke <code-id>          a code stops working at once
//
// Safe while the relay runs (SQLite WAL, busy timeout): `add` takes effect on the next
// connection. `remove` while devices are connected: they are refused on their next connection,
// but with open registration the next device to connect registers the workspace again and
// uploads its copy — stop the relay or close registration first to get rid of it for good.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hashKey, isWorkspaceId, isWorkspaceKey } from './auth.js';
import { RelayStore } from './persistence.js';
import { hashRegistrationCode, newRegistrationCode, normalizeRegistrationCode } from './registration.js';
import { randomBytes } from 'node:crypto';

export const USAGE = `usage: npm run relay:admin -- <command>
  add <workspaceId> <key>   register a workspace with its 64-hex-character key
  remove <workspaceId>      delete a workspace and everything stored for it
  list [--json]             workspaces with stored updates, bytes and last activity
  code [--uses N] [--expires <days>]
                            print a new registration code (default: 1 use, expires in 30 days;
                            --expires 0: never)
  codes [--json]            registration codes with uses left and expiry (not the codes)
  revoke <code-id>          revoke a registration code
DATA_DIR (default ./data) selects the database.`;

export interface AdminOutput {
  out(text: string): void;
  err(text: string): void;
}

const consoleOutput: AdminOutput = {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n')
};

function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}

/** Runs one admin command; resolves to the process exit code (0 ok, 1 failed, 2 usage). */
export function runAdmin(args: string[], env: NodeJS.ProcessEnv = process.env, io: AdminOutput = consoleOutput): number {
  const [command, ...rest] = args;
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const usage = () => {
    io.err(USAGE);
    return 2;
  };
  if (command === 'add') {
    const [workspaceId, key] = rest;
    if (rest.length !== 2) return usage();
    if (!isWorkspaceId(workspaceId)) return (io.err('workspace id must be 1-64 characters [A-Za-z0-9_-]'), 1);
    if (!isWorkspaceKey(key)) return (io.err('the key must be 64 hexadecimal characters (256 bits)'), 1);
    const store = RelayStore.open(dataDir);
    try {
      if (!store.register(workspaceId, hashKey(key))) {
        io.err(`workspace ${workspaceId} already exists (remove it first, or rotate its key from a device)`);
        return 1;
      }
      io.out(`workspace ${workspaceId} added`);
      return 0;
    } finally {
      store.close();
    }
  }
  if (command === 'remove') {
    const [workspaceId] = rest;
    if (rest.length !== 1) return usage();
    if (!isWorkspaceId(workspaceId)) return (io.err('workspace id must be 1-64 characters [A-Za-z0-9_-]'), 1);
    const store = RelayStore.open(dataDir);
    try {
      if (!store.remove(workspaceId)) {
        io.err(`no workspace ${workspaceId}`);
        return 1;
      }
      io.out(`workspace ${workspaceId} removed`);
      return 0;
    } finally {
      store.close();
    }
  }
  if (command === 'list') {
    if (rest.length > 1 || (rest.length === 1 && rest[0] !== '--json')) return usage();
    const store = RelayStore.open(dataDir);
    try {
      const workspaces = store.list();
      if (rest[0] === '--json') {
        io.out(JSON.stringify(workspaces.map((w) => ({ ...w, lastActivity: new Date(w.lastActivity).toISOString() }))));
      } else if (workspaces.length === 0) {
        io.out(`no workspaces in ${dataDir}`);
      } else {
        const header = ['workspace', 'updates', 'bytes', 'last activity'];
        const rows = workspaces.map((w) => [w.id, String(w.updates), String(w.bytes), new Date(w.lastActivity).toISOString()]);
        io.out(formatTable([header, ...rows]));
      }
      return 0;
    } finally {
      store.close();
    }
  }
  if (command === 'code') return issueCode(rest, dataDir, io, usage);
  if (command === 'codes') {
    if (rest.length > 1 || (rest.length === 1 && rest[0] !== '--json')) return usage();
    const store = RelayStore.open(dataDir);
    try {
      const codes = store.listRegistrationCodes();
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      if (rest[0] === '--json') {
        io.out(JSON.stringify(codes.map((c) => ({ ...c, createdAt: iso(c.createdAt), expiresAt: iso(c.expiresAt), revokedAt: iso(c.revokedAt) }))));
      } else if (codes.length === 0) {
        io.out(`no registration codes in ${dataDir}`);
      } else {
        const now = Date.now();
        const state = (c: (typeof codes)[number]) =>
          c.revokedAt !== null ? 'revoked' : c.usesLeft <= 0 ? 'used' : c.expiresAt !== null && c.expiresAt <= now ? 'expired' : 'valid';
        const header = ['code id', 'uses left', 'state', 'expires'];
        const rows = codes.map((c) => [c.id, `${c.usesLeft}/${c.uses}`, state(c), iso(c.expiresAt) ?? 'never']);
        io.out(formatTable([header, ...rows]));
      }
      return 0;
    } finally {
      store.close();
    }
  }
  if (command === 'revoke') {
    const [id] = rest;
    if (rest.length !== 1) return usage();
    const store = RelayStore.open(dataDir);
    try {
      if (!store.revokeRegistrationCode(id)) {
        io.err(`no valid registration code with id ${id} (see: relay:admin codes)`);
        return 1;
      }
      io.out(`registration code ${id} revoked`);
      return 0;
    } finally {
      store.close();
    }
  }
  return usage();
}

const DAY_MS = 86_400_000;

/** `code [--uses N] [--expires <days>]`: prints the code once; only its hash is kept. */
function issueCode(args: string[], dataDir: string, io: AdminOutput, usage: () => number): number {
  let uses = 1;
  let days = 30;
  for (let i = 0; i < args.length; i += 2) {
    const value = args[i + 1];
    if (value === undefined || !/^\d+$/.test(value)) return usage();
    if (args[i] === '--uses') uses = Number(value);
    else if (args[i] === '--expires') days = Number(value);
    else return usage();
  }
  if (uses < 1 || uses > 1_000_000) return (io.err('--uses must be between 1 and 1000000'), 1);
  if (days > 36_500) return (io.err('--expires must be at most 36500 days (0: never)'), 1);
  const code = newRegistrationCode();
  const id = `c-${randomBytes(4).toString('hex')}`;
  const now = Date.now();
  const expiresAt = days === 0 ? null : now + days * DAY_MS;
  const store = RelayStore.open(dataDir);
  try {
    store.addRegistrationCode(id, hashRegistrationCode(normalizeRegistrationCode(code)!), uses, expiresAt, now);
  } finally {
    store.close();
  }
  io.out(code);
  io.err(`code ${id}: ${uses} registration${uses > 1 ? 's' : ''}, ${expiresAt === null ? 'never expires' : `expires ${new Date(expiresAt).toISOString()}`} — shown only now`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = runAdmin(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`relay:admin failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
