// Operator commands on DATA_DIR's database (`npm run relay:admin -- <command>`):
//
//   add <workspaceId> <key>   register a workspace (for RELAY_OPEN_REGISTRATION=false)
//   remove <workspaceId>      delete a workspace, its updates and envelopes
//   list [--json]             ids, stored updates, bytes, last activity
//
// Safe while the relay runs (SQLite WAL, busy timeout): `add` takes effect on the next
// connection. `remove` while devices are connected: they are refused on their next connection,
// but with open registration the next device to connect registers the workspace again and
// uploads its copy — stop the relay or close registration first to get rid of it for good.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hashKey, isWorkspaceId, isWorkspaceKey } from './auth.js';
import { RelayStore } from './persistence.js';

export const USAGE = `usage: npm run relay:admin -- <command>
  add <workspaceId> <key>   register a workspace with its 64-hex-character key
  remove <workspaceId>      delete a workspace and everything stored for it
  list [--json]             workspaces with stored updates, bytes and last activity
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
  return usage();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = runAdmin(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`relay:admin failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
