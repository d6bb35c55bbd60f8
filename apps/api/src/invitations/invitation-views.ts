import { join, resolve } from 'node:path';
import { ConsoleViews, GOVUK_FRONTEND_DIST } from '../console/http/views';

/** The invitees' pages' templates (this folder's views/, read from the source tree as the console's are). */
const INVITATION_VIEWS = resolve(GOVUK_FRONTEND_DIST, '..', '..', '..', 'apps', 'api', 'src', 'invitations', 'views');

/** The console's Nunjucks set-up and Content-Security-Policy, with the invitees' own layout and pages. */
export class InvitationViews extends ConsoleViews {
  constructor() {
    super([join(INVITATION_VIEWS)]);
  }
}
