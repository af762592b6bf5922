import { describe, expect, it } from 'vitest';
import { blockedAsMixedContent, inviteLink, normalizeRelayUrl, parseInvite, relayApiUrl, relaySocketUrl, type Invite } from './invite';

const KEY = 'ab'.repeat(32);
const invite: Invite = {
  relayUrl: 'https://relais.example.fr',
  workspaceId: 'Zx_9-abc',
  key: KEY,
  company: 'L’Atelier & Fils — Lyon',
  letters: ['A', 'B']
};

describe('normalizeRelayUrl', () => {
  const cases: [string, string | null][] = [
    ['relais.example.fr', 'https://relais.example.fr'],
    ['https://relais.example.fr/', 'https://relais.example.fr'],
    ['wss://relais.example.fr/sync', 'https://relais.example.fr'],
    ['ws://127.0.0.1:8787/sync/', 'http://127.0.0.1:8787'],
    ['http://127.0.0.1:4194?x=1#y', 'http://127.0.0.1:4194'],
    ['https://example.fr/relance/', 'https://example.fr/relance'],
    ['ftp://example.fr', null],
    ['https://user:pw@example.fr', null],
    ['', null],
    ['   ', null]
  ];
  for (const [input, expected] of cases) it(`${JSON.stringify(input)} → ${expected}`, () => expect(normalizeRelayUrl(input)).toBe(expected));
});

describe('relay endpoints', () => {
  it('turns a relay base into the socket and HTTP addresses of the contract', () => {
    expect(relaySocketUrl('https://relais.example.fr')).toBe('wss://relais.example.fr/sync');
    expect(relaySocketUrl('http://127.0.0.1:8787')).toBe('ws://127.0.0.1:8787/sync');
    expect(relayApiUrl('http://127.0.0.1:8787', 'ws1', 'envelope', 'm-1')).toBe('http://127.0.0.1:8787/sync/ws1/envelope/m-1');
  });

  it('refuses a plain-http relay from an https app (the browser would block it), except loopback', () => {
    expect(blockedAsMixedContent('https://app.example.fr', 'http://relais.example.fr')).toBe(true);
    expect(blockedAsMixedContent('https://app.example.fr', 'https://relais.example.fr')).toBe(false);
    expect(blockedAsMixedContent('http://127.0.0.1:8787', 'http://relais.example.fr')).toBe(false);
    expect(blockedAsMixedContent('https://app.example.fr', 'http://localhost:8787')).toBe(false);
  });
});

describe('invite links', () => {
  it('carries everything in the fragment, never in the path or query', () => {
    const link = inviteLink('https://app.example.fr/', invite);
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe('https://app.example.fr/join');
    expect(url.search).toBe('');
    expect(url.hash).toContain(KEY);
    expect(parseInvite(url.hash)).toEqual({ ok: true, invite });
  });

  it('round-trips without letters and with an upper-case key', () => {
    const link = inviteLink('http://127.0.0.1:4194', { ...invite, letters: [], key: KEY.toUpperCase() });
    expect(parseInvite(new URL(link).hash)).toEqual({ ok: true, invite: { ...invite, letters: [] } });
  });

  it('refuses a damaged or foreign fragment', () => {
    const hash = new URL(inviteLink('https://app.example.fr', invite)).hash;
    expect(parseInvite('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseInvite('#')).toEqual({ ok: false, reason: 'empty' });
    expect(parseInvite(hash.replace(KEY, KEY.slice(2)))).toEqual({ ok: false, reason: 'invalid' });
    expect(parseInvite(hash.replace('w=Zx_9-abc', 'w=a%2Fb'))).toEqual({ ok: false, reason: 'invalid' });
    expect(parseInvite(hash.replace('v=1', 'v=2'))).toEqual({ ok: false, reason: 'invalid' });
    expect(parseInvite(hash.replace('s=A.B', 's=A.b1'))).toEqual({ ok: false, reason: 'invalid' });
    expect(parseInvite('#section-2')).toEqual({ ok: false, reason: 'invalid' });
  });
});
