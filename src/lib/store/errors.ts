// A write refused by the store: `code` names the reason the UI words (errors.ts: error.<code>).
// Its own module, so that screens can tell it apart without loading the write code.
export class StoreError extends Error {
  constructor(
    public code: string,
    public details: string[] = []
  ) {
    super(code + (details.length ? `: ${details.join(', ')}` : ''));
  }
}
