import type { AppConfig } from '@app/persistence';
import type { Clock } from '@app/workflows';
import { signDevToken } from '../../apps/api/src/auth/dev-tokens';
import type { Role } from '../../apps/api/src/auth/role';

/** A bearer token as the identity provider would issue it, signed with the development key, valid for an hour from the clock's now. */
export async function bearer(
  config: AppConfig,
  clock: Clock,
  role: Role | `${Role}`,
  claims: { sub?: string; area?: string; coveringAreas?: string[] } = {},
): Promise<string> {
  const token = await signDevToken(
    config,
    { sub: claims.sub ?? `user-${role}`, roles: [role as Role], area: claims.area, coveringAreas: claims.coveringAreas },
    { now: clock.now(), expiresInSeconds: 3600 },
  );
  return `Bearer ${token}`;
}
