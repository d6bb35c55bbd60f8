import type { Request } from 'express';
import { secureCookies, sessionIdOf } from './session-cookie';

describe('the console session cookie', () => {
  it.each([
    ['production over https', 'production', 'https://cp.council.example', true],
    ['production even on loopback http', 'production', 'http://localhost:3000', true],
    ['development on loopback http', 'development', 'http://localhost:3000', false],
    ['test on 127.0.0.1', 'test', 'http://127.0.0.1:41234', false],
    ['development on another host over http', 'development', 'http://cp.internal:3000', true],
    ['a look-alike host', 'development', 'http://localhost.evil.example', true],
  ] as const)('is Secure in %s: %s', (_, nodeEnv, publicBaseUrl, secure) => {
    expect(secureCookies({ nodeEnv, publicBaseUrl })).toBe(secure);
  });

  it('is read from the Cookie header among others, and is absent when not sent', () => {
    const req = (cookie?: string) => ({ headers: cookie ? { cookie } : {} }) as Request;
    expect(sessionIdOf(req('a=1; cpw_console=abc_DEF-1; b=2'))).toBe('abc_DEF-1');
    expect(sessionIdOf(req('xcpw_console=nope'))).toBeUndefined();
    expect(sessionIdOf(req())).toBeUndefined();
  });
});
