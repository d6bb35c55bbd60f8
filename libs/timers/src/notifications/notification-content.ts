import { type DeadlineStepKind, isIsoDate, longDate, NOTIFICATION_TEMPLATE_TITLES } from '@app/workflows';
import type { RecipientKind } from './recipients';

/**
 * What a notification says. Built from ids, the case reference, the workflow type and area, the
 * deadline's kind and dates and the template: never from a workflow's context, so no name, date of
 * birth or address can reach an email, a webhook or an inbox item.
 */
export interface NotificationMessage {
  notificationId: string;
  workflowId: string;
  workflowType: string;
  reference: string | null;
  area: string | null;
  recipient: RecipientKind;
  template: string;
  deadline: DeadlineFacts | null;
  createdAt: string;
}

export interface DeadlineFacts {
  id: string;
  kind: string;
  /** Which item of a clock kept one per item (a conference's report: its agency's key); ids only. */
  key?: string;
  step: DeadlineStepKind;
  occurrence: number;
  dueDate: string;
  dueAt: string;
}

/** The escalation templates, one per kind of ladder step. */
export const DEADLINE_TEMPLATES: Record<DeadlineStepKind, string> = {
  warning: 'deadline.warning',
  due: 'deadline.due',
  repeat: 'deadline.repeat',
};

/**
 * Titles of the templates machines declare in their `notify` effects, from each process's
 * descriptor; an unknown one gets a generic title.
 */
// A Map, so that a template named like an Object property ('constructor') gets the generic title.
const TEMPLATE_TITLES: ReadonlyMap<string, string> = new Map(Object.entries(NOTIFICATION_TEMPLATE_TITLES));

const RECIPIENT_LABELS: Record<RecipientKind, string> = {
  coordinator: 'co-ordinator',
  chair: 'chair',
  lado: 'LADO',
  duty_manager: 'duty manager',
  service_manager: 'service manager',
  front_door: 'front door',
  team_manager: 'team manager',
  manager: 'manager',
};

/** A deadline's kind and day in words: `conference reports`, `by the end of 15 February 2027`. */
const kindInWords = (kind: string) => kind.replace(/[-_.]+/g, ' ');
const dueByEndOf = (dueDate: string) => `by the end of ${isIsoDate(dueDate) ? longDate(dueDate) : dueDate}`;

export function notificationTitle(message: Pick<NotificationMessage, 'template' | 'deadline'>): string {
  const deadline = message.deadline;
  if (deadline) {
    const what = kindInWords(deadline.kind);
    const by = dueByEndOf(deadline.dueDate);
    if (deadline.step === 'warning') return `Deadline approaching: ${what} due ${by}`;
    if (deadline.step === 'due') return `Deadline missed: ${what} was due ${by}`;
    return `Still overdue (reminder ${deadline.occurrence}): ${what} was due ${by}`;
  }
  return TEMPLATE_TITLES.get(message.template) ?? `Workflow notification (${message.template})`;
}

/** The workflow in the API (`GET /workflows/{id}`, a bearer token): for programs. */
export function workflowLink(publicBaseUrl: string, workflowId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/workflows/${workflowId}`;
}

/** The workflow's page in the console (signing in first if need be): for people. */
export function workflowPageLink(publicBaseUrl: string, workflowId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/console/workflows/${workflowId}`;
}

/** A plain-text email: the reference in the subject, the facts and the link in the body. */
export function emailFor(
  message: NotificationMessage,
  publicBaseUrl: string,
): { subject: string; text: string } {
  const title = notificationTitle(message);
  const reference = message.reference ?? 'no reference';
  const lines = [
    title,
    '',
    `Case reference: ${reference}`,
    `Workflow: ${message.workflowType}${message.area ? `, area ${message.area}` : ''}`,
  ];
  if (message.deadline) {
    const d = message.deadline;
    lines.push(`Deadline: ${kindInWords(d.kind)}${d.key ? ` (${d.key})` : ''}, due ${dueByEndOf(d.dueDate)}`);
    lines.push(`Escalation step: ${d.step}${d.step === 'repeat' ? ` ${d.occurrence}` : ''}`);
  }
  lines.push(
    `Sent to you as: ${RECIPIENT_LABELS[message.recipient]}`,
    '',
    `Open the workflow: ${workflowPageLink(publicBaseUrl, message.workflowId)}`,
    '',
    'This message carries the case reference only. Sign in to see the case.',
  );
  return { subject: `[${reference}] ${title}`, text: lines.join('\n') + '\n' };
}

/** The JSON a webhook subscriber receives: the same facts, machine-readable. */
export function webhookBodyFor(message: NotificationMessage, deliveryId: string, publicBaseUrl: string) {
  return {
    id: deliveryId,
    type: 'notification',
    template: message.template,
    title: notificationTitle(message),
    recipient: message.recipient,
    workflow: {
      id: message.workflowId,
      type: message.workflowType,
      reference: message.reference,
      area: message.area,
      url: workflowLink(publicBaseUrl, message.workflowId),
    },
    deadline: message.deadline,
    createdAt: message.createdAt,
  };
}
