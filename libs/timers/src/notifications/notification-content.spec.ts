import {
  emailFor,
  NotificationMessage,
  notificationTitle,
  webhookBodyFor,
  workflowLink,
} from './notification-content';

const message = (overrides: Partial<NotificationMessage> = {}): NotificationMessage => ({
  notificationId: 'b6f7e3c1-0000-4000-8000-000000000001',
  workflowId: '4a1c2d3e-0000-4000-8000-000000000002',
  workflowType: 'asv-referral',
  reference: 'ASV-2026-000123',
  area: 'north',
  recipient: 'duty_manager',
  template: 'deadline.warning',
  deadline: {
    id: 'c0ffee00-0000-4000-8000-000000000003',
    kind: 'asv-screening',
    step: 'warning',
    occurrence: 0,
    dueDate: '2026-11-23',
    dueAt: '2026-11-24T00:00:00.000Z',
  },
  createdAt: '2026-11-23T09:00:00.000Z',
  ...overrides,
});

describe('notification content', () => {
  it('titles each kind of ladder step with the deadline and its due date', () => {
    const deadline = message().deadline!;
    expect(notificationTitle({ template: 'deadline.warning', deadline })).toBe(
      'Deadline approaching: asv screening due by the end of 23 November 2026',
    );
    expect(notificationTitle({ template: 'deadline.due', deadline: { ...deadline, step: 'due' } })).toBe(
      'Deadline missed: asv screening was due by the end of 23 November 2026',
    );
    expect(
      notificationTitle({
        template: 'deadline.repeat',
        deadline: { ...deadline, step: 'repeat', occurrence: 2 },
      }),
    ).toBe('Still overdue (reminder 2): asv screening was due by the end of 23 November 2026');
  });

  it("titles a machine's templates, and an unknown one generically", () => {
    expect(notificationTitle({ template: 'asv.referred', deadline: null })).toBe(
      'Allegation referred to the LADO',
    );
    expect(notificationTitle({ template: 'conference.invited', deadline: null })).toBe(
      'Workflow notification (conference.invited)',
    );
    expect(notificationTitle({ template: 'constructor', deadline: null })).toBe(
      'Workflow notification (constructor)',
    );
  });

  it('links to the workflow under the public base URL, with or without a trailing slash', () => {
    expect(workflowLink('https://cp.example/', 'abc')).toBe('https://cp.example/workflows/abc');
    expect(workflowLink('https://cp.example/app', 'abc')).toBe('https://cp.example/app/workflows/abc');
  });

  it('puts the reference in the subject and the reference, deadline and link in the body', () => {
    const { subject, text } = emailFor(message(), 'https://cp.example');
    expect(subject).toBe('[ASV-2026-000123] Deadline approaching: asv screening due by the end of 23 November 2026');
    expect(text).toContain('Case reference: ASV-2026-000123');
    expect(text).toContain('Deadline: asv screening, due by the end of 23 November 2026');
    expect(text).toContain('Sent to you as: duty manager');
    expect(text).toContain(
      'Open the workflow: https://cp.example/console/workflows/4a1c2d3e-0000-4000-8000-000000000002',
    );
  });

  it("names the item of a clock kept one per item (a conference's report) in the body", () => {
    const deadline = { ...message().deadline!, kind: 'conference-reports', key: 'gp:park-road' };
    const { subject, text } = emailFor(message({ deadline }), 'https://cp.example');
    expect(text).toContain('Deadline: conference reports (gp:park-road), due by the end of 23 November 2026');
    expect(subject).toBe('[ASV-2026-000123] Deadline approaching: conference reports due by the end of 23 November 2026');
  });

  it('says so when a workflow has no reference', () => {
    expect(
      emailFor(message({ reference: null, deadline: null, template: 'asv.received' }), 'https://cp.example')
        .subject,
    ).toBe('[no reference] New allegation against a member of staff or volunteer to screen');
  });

  it('gives a webhook the same facts, keyed by the delivery id', () => {
    expect(webhookBodyFor(message(), 'delivery-1', 'https://cp.example')).toEqual({
      id: 'delivery-1',
      type: 'notification',
      template: 'deadline.warning',
      title: 'Deadline approaching: asv screening due by the end of 23 November 2026',
      recipient: 'duty_manager',
      workflow: {
        id: '4a1c2d3e-0000-4000-8000-000000000002',
        type: 'asv-referral',
        reference: 'ASV-2026-000123',
        area: 'north',
        url: 'https://cp.example/workflows/4a1c2d3e-0000-4000-8000-000000000002',
      },
      deadline: message().deadline,
      createdAt: '2026-11-23T09:00:00.000Z',
    });
  });
});
