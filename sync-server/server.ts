// The Relance process: serves the built PWA. Started by `npm start`.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveStatic } from './static.js';

export interface ServerOptions {
  port: number;
  host: string;
  appDir: string;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerOptions {
  return {
    port: Number(env.PORT ?? 8787),
    host: env.HOST ?? '127.0.0.1',
    appDir: resolve(env.APP_DIR ?? 'build')
  };
}

export async function startServer(options: ServerOptions) {
  const serveApp = serveStatic(options.appDir);
  const server = createServer((req, res) => {
    serveApp(req, res).catch((error: unknown) => {
      console.error(JSON.stringify({ level: 'error', msg: 'static', error: String(error) }));
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, ok);
  });
  return server;
}

// Run directly (node sync-server/dist/server.js), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = optionsFromEnv();
  const server = await startServer(options);
  console.log(JSON.stringify({ level: 'info', msg: 'listening', url: `http://${options.host}:${options.port}` }));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
