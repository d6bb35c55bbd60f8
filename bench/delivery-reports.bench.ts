// `npm run bench:delivery-reports`: the relay's delivery reports read from a real bounce mailbox
// (dovecot, test/support/imap-server.ts) and turned into the packs' events, against PostgreSQL.
// BENCH_DISTRIBUTIONS distributions (2 by default) of 100 professionals each are decided and sent
// through the real SMTP server process acting as a relay that offers DSN, which appends one report
// per email to the mailbox; then one poll reads them all (the worker's own code, called directly).
// Reports the empty poll, the full poll's time and per report, and the process's RSS before and at
// peak (sampled every 5 ms). Runs in a scratch database it creates and drops, from the TypeScript
// sources (it uses the test suite's mailbox and relay). Figures vary with the machine: report,
// don't assert.
import type { INestApplication } from '@nestjs/common';
import { AppConfig, loadConfig, WorkflowEngine } from '@app/persistence';
import { OutboxDispatcher } from '@app/timers';
import { SYSTEM_ACTOR, SystemClock } from '@app/workflows';
import { createApp } from '../apps/api/src/bootstrap';
import { signDevToken } from '../apps/api/src/auth/dev-tokens';
import { Role } from '../apps/api/src/auth/role';
import { BounceMailbox } from '../apps/api/src/distribution/delivery-reports/bounce-mailbox';
import { DeliveryReportsService } from '../apps/api/src/distribution/delivery-reports/delivery-reports.service';
import { distributionHandover, handoverInvitee } from '../test/fixtures/distribution';
import { ImapServerProcess } from '../test/support/imap-server';
import { SmtpServerProcess } from '../test/support/smtp-server';
import { scratchDatabase } from './scratch-database';

const DISTRIBUTIONS = Number(process.env.BENCH_DISTRIBUTIONS ?? 2);
const PER_DISTRIBUTION = 100;
const PORT = Number(process.env.BENCH_PORT ?? 3979);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

const tokenFor = (config: AppConfig, role: Role, sub: string) =>
  signDevToken(config, { sub, roles: [role], area: 'north', coveringAreas: [] }, { now: new Date(), expiresInSeconds: 3600 });

async function main(): Promise<void> {
  const imap = await ImapServerProcess.start();
  const smtp = await SmtpServerProcess.start({ bounceMailbox: imap.access });
  const base = loadConfig();
  const scratch = await scratchDatabase(base.databaseUrl, `cpw_bench_reports_${process.pid}`);
  const config = loadConfig({
    DATABASE_URL: scratch.url,
    MIGRATE_ON_START: 'false',
    PROCESS_ROLE: 'api',
    PORT: String(PORT),
    QUEUE_PREFIX: `bench-reports-${process.pid}`,
    LOG_LEVEL: 'error',
    RATE_LIMIT_MAX_REQUESTS: '1000000',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    DISTRIBUTION_RETURN_PATH: 'bounces@council.example',
    ...imap.settings,
  });
  let app: INestApplication | undefined;
  try {
    app = await createApp(config, new SystemClock(), {});
    await app.listen(PORT, '127.0.0.1');
    const call = async (path: string, token: string, body?: unknown, key?: string) => {
      const res = await fetch(`http://127.0.0.1:${PORT}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const worker = await tokenFor(config, Role.SocialWorker, 'bench-sw');
    const coordinator = await tokenFor(config, Role.Coordinator, 'bench-coordinator');
    const chair = await tokenFor(config, Role.Chair, 'bench-chair');
    const engine = app.get(WorkflowEngine);
    const mailbox = app.get(BounceMailbox);
    const reports = app.get(DeliveryReportsService);

    const empty = process.hrtime.bigint();
    await mailbox.poll((message) => reports.apply(message));
    const emptyMs = Number(process.hrtime.bigint() - empty) / 1e6;

    for (let d = 0; d < DISTRIBUTIONS; d++) {
      const personIds: string[] = [];
      for (let chunk = 0; chunk < PER_DISTRIBUTION; chunk += 50) {
        const people = Array.from({ length: 50 }, (_, i) => ({
          kind: 'adult',
          givenName: 'Bench',
          familyName: `Professional${d}x${chunk + i}`,
          confidentialAddress: false,
          contactPoints: [{ system: 'email', value: `pro-${d}-${chunk + i}@agency.example`, use: 'work' }],
          externalIds: [{ system: 'case-management', value: `BENCH-${d}-${chunk + i}` }],
        }));
        const answer = await call('/people', worker, { area: 'north', people });
        personIds.push(...(answer.people as { id: string }[]).map((p) => p.id));
      }
      const { id } = await engine.start(
        'distribution',
        distributionHandover({
          conferenceReference: `CPC-2026-${String(800000 + d).padStart(6, '0')}`,
          householdId: `bench-household-${d}`,
          heldOn: new Date().toISOString().slice(0, 10),
          chairSub: 'bench-chair',
          invitees: personIds.map((personId) => handoverInvitee(personId, 'professional', 'bench-agency')),
        }),
        { actor: SYSTEM_ACTOR },
      );
      await call(`/distributions/${id}/documents/decisions/drafts`, coordinator, undefined, `bench-draft-${d}`);
      await call(`/distributions/${id}/approvals/decisions`, chair, {}, `bench-approve-${d}`);
    }
    await app.get(OutboxDispatcher).drain();
    const total = DISTRIBUTIONS * PER_DISTRIBUTION;
    await smtp.waitForReports(total, 120_000);
    while ((await imap.count('INBOX')) < total) await new Promise((r) => setTimeout(r, 100));

    const idle = process.memoryUsage().rss;
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = process.hrtime.bigint();
    const summary = await mailbox.poll((message) => reports.apply(message));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    clearInterval(sampler);
    process.stdout.write(
      `bench:delivery-reports — one poll of the bounce mailbox (dovecot over IMAP, PostgreSQL), ${total} reports\n` +
        `empty poll                ${emptyMs.toFixed(0)} ms\n` +
        `${String(total).padEnd(4)} reports              ${ms.toFixed(0)} ms, ${(ms / total).toFixed(1)} ms a report  ` +
        `(read ${summary.read}, processed ${summary.processed}, unmatched ${summary.unmatched}, kept ${summary.kept})  ` +
        `RSS before ${mb(idle)} MB, peak ${mb(peak)} MB\n`,
    );
  } finally {
    await app?.close();
    await scratch.drop();
    await smtp.stop();
    await imap.remove();
  }
}

main().catch((error: unknown) => {
  const e = error as { name?: string; code?: string; message?: string };
  process.stderr.write(
    `bench:delivery-reports failed: ${e.name ?? 'Error'} ${e.code ?? ''} ${e.message ?? String(error)}\n`,
  );
  process.exit(1);
});
