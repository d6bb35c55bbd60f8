import type { JWTPayload } from 'jose';
import { isRole, Role } from './role';

/**
 * Who is calling, from a verified token. On a route, `roles` holds only the token's roles that the
 * route admits, so a second role never widens what a request may see (scopeAreas reads them).
 */
export interface Principal {
  /** The identity provider's subject id: pseudonymous, never a name or an email address. */
  sub: string;
  roles: Role[];
  /** The geographic area the person works in, when the token says. */
  area?: string;
  /** Areas the person is covering for a colleague (chairs and co-ordinators). */
  coveringAreas: string[];
}

export interface ClaimNames {
  roles: string;
  area: string;
  coveringAreas: string;
}

export const MAX_SUBJECT_LENGTH = 255;

/** A claim that may be a JSON array of strings or one string of space- or comma-separated values. */
function stringList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return items.filter((item): item is string => typeof item === 'string' && item.length > 0);
}

/**
 * Reads the principal from a verified token's claims. Unknown role values are ignored (an identity
 * provider grants roles for other applications too); a missing or oversized subject rejects the token.
 */
export function principalFromClaims(claims: JWTPayload, names: ClaimNames): Principal | null {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUBJECT_LENGTH) return null;
  const roles = [...new Set(stringList(claims[names.roles]).filter(isRole))];
  const area = claims[names.area];
  return {
    sub,
    roles,
    ...(typeof area === 'string' && area.length > 0 ? { area } : {}),
    coveringAreas: [...new Set(stringList(claims[names.coveringAreas]))],
  };
}
