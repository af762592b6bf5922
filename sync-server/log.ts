// One JSON object per line, so that `journalctl`, `docker logs` or any log shipper can parse the
// relay's output without guessing where a stack trace ends.

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogFields {
  workspace?: string;
  remote?: string;
  error?: unknown;
  [field: string]: unknown;
}

export interface LogLine {
  time: string;
  level: LogLevel;
  msg: string;
  workspace?: string;
  remote?: string;
  error?: string;
  [field: string]: unknown;
}

export type LogSink = (line: LogLine) => void;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** The message of anything thrown, on one line (stacks stay out of the log: they span lines). */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return (code ? `${code}: ` : '') + error.message.replace(/\s*\n\s*/g, ' ');
  }
  return String(error).replace(/\s*\n\s*/g, ' ');
}

/** Writes info to stdout and warnings/errors to stderr, one JSON line each. */
export const writeJsonLine: LogSink = (line) => {
  const text = JSON.stringify(line) + '\n';
  if (line.level === 'info') process.stdout.write(text);
  else process.stderr.write(text);
};

/**
 * A logger that hands each line to `sink`; `onProblem` is told of every warn/error line (the
 * relay counts them in relance_errors_total).
 */
export function createLogger(sink: LogSink = writeJsonLine, onProblem: () => void = () => {}): Logger {
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    const { error, ...rest } = fields;
    const line: LogLine = { time: new Date().toISOString(), level, msg, ...rest };
    if (error !== undefined) line.error = describeError(error);
    if (level !== 'info') onProblem();
    try {
      sink(line);
    } catch {
      // A broken stdout (EPIPE) must not take the relay down with it.
    }
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields)
  };
}
