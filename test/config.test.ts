import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.ts';

describe('configuration', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      DATABASE_URL: undefined,
      DATA_DIR: './data',
      PUBLIC_URL: 'http://localhost:3000',
      TZ: 'Asia/Shanghai',
      SEED_DEMO: true,
    });
  });

  it('reads the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://rectify@db.internal:5432/rectify',
      DATA_DIR: '/var/lib/rectify',
      PUBLIC_URL: 'https://rectify.example.gov.cn',
      TZ: 'Asia/Urumqi',
      SEED_DEMO: 'false',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DATA_DIR: '/var/lib/rectify',
      SEED_DEMO: false,
      TZ: 'Asia/Urumqi',
    });
  });

  it('names every bad value with a clear message', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        PUBLIC_URL: 'ftp://x',
        TZ: 'Mars/Olympus',
        SEED_DEMO: 'maybe',
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error?.problems.join('\n') ?? '';
    expect(text).toMatch(/^PORT: PORT must be a number/m);
    expect(text).toMatch(/^DATABASE_URL: .*postgres:\/\//m);
    expect(text).toMatch(/^PUBLIC_URL: /m);
    expect(text).toMatch(/^TZ: .*IANA/m);
    expect(text).toMatch(/^SEED_DEMO: /m);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/between 1 and 65535/);
  });
});
