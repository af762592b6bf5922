import { describe, expect, it } from 'vitest';
import { MEMBER_COLORS, formatSince, initials, memberColor, sinceParts, syncState, type SyncFacts } from './status';

const base: SyncFacts = {
  linked: true,
  browserOnline: true,
  socket: 'open',
  failures: 0,
  synced: true,
  pending: false,
  refusal: null
};

describe('syncState', () => {
  const cases: [string, Partial<SyncFacts>, string][] = [
    ['no relay: this device only', { linked: false, socket: 'closed' }, 'local'],
    ['open, relay state received, nothing pending', {}, 'synced'],
    ['open, waiting for the relay state', { synced: false }, 'syncing'],
    ['open, a local change not yet acknowledged', { pending: true }, 'syncing'],
    ['first attempt under way', { socket: 'connecting', synced: false }, 'syncing'],
    ['attempts failing: the relay is out of reach', { socket: 'connecting', synced: false, failures: 3 }, 'offline'],
    ['between two attempts', { socket: 'closed', synced: false, failures: 1 }, 'offline'],
    ['the browser has no network, whatever the socket says', { browserOnline: false }, 'offline'],
    ['key refused wins over offline', { refusal: 'key', browserOnline: false }, 'key_refused'],
    ['removed device', { refusal: 'removed', socket: 'closed' }, 'removed'],
    ['unknown workspace on a closed relay', { refusal: 'unknown_workspace', socket: 'closed' }, 'unknown_workspace'],
    ['the relay’s space for the workspace is full', { refusal: 'quota', socket: 'closed' }, 'quota'],
    ['a refusal on a workspace without relay is moot', { linked: false, refusal: 'key' }, 'local']
  ];
  for (const [name, facts, expected] of cases) {
    it(name, () => expect(syncState({ ...base, ...facts })).toBe(expected));
  }
});

describe('sinceParts and formatSince', () => {
  const at = (iso: string) => new Date(iso);
  it('picks one whole unit', () => {
    expect(sinceParts(at('2026-03-10T10:00:00Z'), at('2026-03-10T10:00:59Z'))).toBeNull();
    expect(sinceParts(at('2026-03-10T10:00:00Z'), at('2026-03-10T10:01:00Z'))).toEqual({ value: -1, unit: 'minute' });
    expect(sinceParts(at('2026-03-10T10:00:00Z'), at('2026-03-10T10:42:30Z'))).toEqual({ value: -42, unit: 'minute' });
    expect(sinceParts(at('2026-03-10T10:00:00Z'), at('2026-03-10T13:10:00Z'))).toEqual({ value: -3, unit: 'hour' });
    expect(sinceParts(at('2026-03-10T10:00:00Z'), at('2026-03-11T10:00:00Z'))).toEqual({ value: -1, unit: 'day' });
    expect(sinceParts(at('2026-03-01T10:00:00Z'), at('2026-03-16T10:00:00Z'))).toEqual({ value: -2, unit: 'week' });
    expect(sinceParts(at('2026-01-01T10:00:00Z'), at('2026-03-16T10:00:00Z'))).toEqual({ value: -2, unit: 'month' });
    expect(sinceParts(at('2024-01-01T10:00:00Z'), at('2026-03-16T10:00:00Z'))).toEqual({ value: -2, unit: 'year' });
  });

  it('counts an instant in the future (a clock moved back) as now', () => {
    expect(sinceParts(at('2026-03-10T11:00:00Z'), at('2026-03-10T10:00:00Z'))).toBeNull();
  });

  it('says it in French and English with Intl.RelativeTimeFormat', () => {
    const now = at('2026-03-10T10:42:00Z');
    expect(formatSince('2026-03-10T10:00:00Z', now, 'fr')).toBe('il y a 42 minutes');
    expect(formatSince('2026-03-10T10:00:00Z', now, 'en')).toBe('42 minutes ago');
    expect(formatSince('2026-03-09T10:00:00Z', now, 'fr')).toBe('hier');
    expect(formatSince('2026-03-10T10:41:30Z', now, 'fr')).toBeNull();
  });
});

describe('members online', () => {
  it('gives each member a colour from its id, the same every time', () => {
    expect(memberColor('a1b2')).toBe(memberColor('a1b2'));
    expect(MEMBER_COLORS).toContain(memberColor('a1b2'));
    expect(new Set(['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map(memberColor)).size).toBeGreaterThan(2);
  });

  it('only uses colours that keep white initials readable (WCAG AA, 4.5:1)', () => {
    const channel = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    for (const hex of MEMBER_COLORS) {
      const [r, g, b] = [1, 3, 5].map((i) => channel(parseInt(hex.slice(i, i + 2), 16) / 255));
      const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      expect(1.05 / (luminance + 0.05), hex).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('shows initials', () => {
    expect(initials('Portable de Claire')).toBe('PC');
    expect(initials('Tablette')).toBe('T');
    expect(initials('iPhone de Marc')).toBe('IM');
    expect(initials('  ')).toBe('?');
  });
});
