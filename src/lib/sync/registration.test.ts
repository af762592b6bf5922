// The app's side of registration codes: what each answer of POST /sync/<id>/register means.
import { describe, expect, it } from 'vitest';
import { registerWorkspace } from './relayApi';

const KEY = 'a'.repeat(64);

/** A fetch that answers each URL ending from `routes`, and records the calls. */
function fakeFetch(routes: Record<string, { status: number; body?: unknown }>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const route = Object.entries(routes).find(([end]) => url.endsWith(end));
    if (!route) throw new TypeError('network down');
    const { status, body } = route[1];
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { fn, calls };
}

describe('registerWorkspace', () => {
  it('posts the code with the key in the Authorization header, never in the URL', async () => {
    const { fn, calls } = fakeFetch({ '/register': { status: 201, body: { registered: true } } });
    expect(await registerWorkspace('https://relais.example.fr', 'acme', KEY, 'RLC-7K2M-9QWX-4TGH-PB3N', fn)).toBe('ok');
    expect(calls[0].url).toBe('https://relais.example.fr/sync/acme/register');
    expect(calls[0].init.method).toBe('POST');
    expect(new Headers(calls[0].init.headers).get('authorization')).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ code: 'RLC-7K2M-9QWX-4TGH-PB3N' });
  });

  it('tells a wrong, expired, used-up and revoked code apart, and the rate limit', async () => {
    for (const [reason, result] of [
      ['unknown', 'code_unknown'],
      ['expired', 'code_expired'],
      ['used', 'code_used'],
      ['revoked', 'code_revoked'],
      [undefined, 'code_unknown']
    ] as const) {
      const { fn } = fakeFetch({ '/register': { status: 403, body: { error: '…', reason } } });
      expect(await registerWorkspace('https://r.example', 'acme', KEY, 'x', fn)).toBe(result);
    }
    const { fn } = fakeFetch({ '/register': { status: 429, body: { error: '…' } } });
    expect(await registerWorkspace('https://r.example', 'acme', KEY, 'x', fn)).toBe('too_many');
  });

  it('settles a 409 or a lost answer with /auth: registered with our key is success, another key is a refusal', async () => {
    const ours = fakeFetch({ '/register': { status: 409 }, '/auth': { status: 200, body: { registered: true } } });
    expect(await registerWorkspace('https://r.example', 'acme', KEY, 'x', ours.fn)).toBe('ok');
    const theirs = fakeFetch({ '/register': { status: 409 }, '/auth': { status: 401 } });
    expect(await registerWorkspace('https://r.example', 'acme', KEY, 'x', theirs.fn)).toBe('refused');
    const lost = fakeFetch({ '/auth': { status: 200, body: { registered: true } } });
    expect(await registerWorkspace('https://r.example', 'acme', KEY, 'x', lost.fn)).toBe('ok');
    const down = fakeFetch({});
    expect(await registerWorkspace('https://r.example', 'acme', KEY, 'x', down.fn)).toBe('unreachable');
  });
});
