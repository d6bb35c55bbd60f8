import type { AuthenticatedRequest } from '../../auth/current-principal.decorator';

/** A console request the session guard let through: the principal as the bearer guard sets it, and the session's CSRF token. */
export interface ConsoleRequest extends AuthenticatedRequest {
  console: { csrfToken: string; sessionId: string; allRoles: string[] };
}

/** Thrown by the guard when there is no signed-in session: the filter sends the browser to sign in. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('Sign in to use the console.');
  }
}
