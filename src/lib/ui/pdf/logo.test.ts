import { describe, expect, it } from 'vitest';
import { checkLogoFile, LOGO_MAX_BYTES } from './logo';

describe('checkLogoFile', () => {
  it('takes PNG and JPEG up to 200 kB', () => {
    expect(checkLogoFile({ type: 'image/png', size: 1000 })).toBeNull();
    expect(checkLogoFile({ type: 'image/jpeg', size: LOGO_MAX_BYTES })).toBeNull();
  });

  it('refuses other types and bigger files', () => {
    expect(checkLogoFile({ type: 'image/svg+xml', size: 1000 })).toBe('bad_type');
    expect(checkLogoFile({ type: 'image/gif', size: 1000 })).toBe('bad_type');
    expect(checkLogoFile({ type: 'image/png', size: LOGO_MAX_BYTES + 1 })).toBe('too_big');
  });
});
