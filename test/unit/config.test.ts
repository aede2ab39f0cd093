/** Configuration defaults that depend on each other. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../worker/config';

const KEY = { MASTER_KEY: 'k'.repeat(40) };

describe('PUBLIC_ORIGIN', () => {
  it('defaults to the local address on the default port', () => {
    expect(parseConfig(KEY).PUBLIC_ORIGIN).toBe('http://localhost:8787');
  });

  it('follows PORT when only the port is set, so links and QR codes point where the server listens', () => {
    const config = parseConfig({ ...KEY, PORT: '8791' });
    expect(config.PORT).toBe(8791);
    expect(config.PUBLIC_ORIGIN).toBe('http://localhost:8791');
  });

  it('is taken as given when set, whatever the port', () => {
    const config = parseConfig({ ...KEY, PORT: '8791', PUBLIC_ORIGIN: 'https://passport.example/' });
    expect(config.PUBLIC_ORIGIN).toBe('https://passport.example');
  });

  it('an unreadable port is reported as the port, not as the origin', () => {
    expect(() => parseConfig({ ...KEY, PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseConfig({ ...KEY, PORT: 'eighty' })).not.toThrow(/PUBLIC_ORIGIN/);
  });
});
