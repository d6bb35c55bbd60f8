// `npm run bench:uploads`: a distribution's version uploaded as multipart/form-data through the real
// HTTP server (the API on a port, PostgreSQL, Redis): a 10 MB one-part version and a 40 MB version
// of four 10 MB parts (BENCH_UPLOAD_RUNS each, 5 by default). Reports each case's time (median and
// worst) and the process's peak RSS while it ran (sampled every 5 ms: the server and, in the same
// process, the client's copy of the body). Runs in a scratch database it creates and drops. Figures
// vary with the machine: report, don't assert.
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { loadConfig, WorkflowEngine } from '@app/persistence';
import { DEFAULT_STATUTORY_SETTINGS, distributionFigures, SYSTEM_ACTOR, SystemClock } from '@app/workflows';
import { createApp } from '../apps/api/src/bootstrap';
import { signDevToken } from '../apps/api/src/auth/dev-tokens';
import { Role } from '../apps/api/src/auth/role';
import { scratchDatabase } from './scratch-database';

const RUNS = Number(process.env.BENCH_UPLOAD_RUNS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3978);
const PART = 10_000_000;

/** A PDF header and `size` bytes in all: random after it, as compressed PDF streams are. */
const pdfOf = (size: number) => {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  return Buffer.concat([head, randomBytes(size - head.length)]);
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function main(): Promise<void> {
  const base = loadConfig();
  const scratch = await scratchDatabase(base.databaseUrl, `cpw_bench_uploads_${process.pid}`);
  const config = loadConfig({
    DATABASE_URL: scratch.url,
    MIGRATE_ON_START: 'false',
    PROCESS_ROLE: 'api',
    PORT: String(PORT),
    QUEUE_PREFIX: `bench-uploads-${process.pid}`,
    LOG_LEVEL: 'error',
    RATE_LIMIT_MAX_REQUESTS: '1000000',
  });
  let app: INestApplication | undefined;
  try {
    app = await createApp(config, new SystemClock(), {});
    await app.listen(PORT, '127.0.0.1');
    const engine = app.get(WorkflowEngine);
    let n = 0;
    const distribution = async () =>
      (
        await engine.start(
          'distribution',
          {
            conferenceReference: `CPC-2026-${String(900000 + ++n).padStart(6, '0')}`,
            area: 'north',
            householdId: `bench-household-${n}`,
            conferenceKind: 'initial',
            heldOn: '2026-11-23',
            chairSub: 'bench-chair',
            invitees: [
              {
                personId: 'bench-parent',
                invitedAs: 'parent',
                agencyId: null,
                attended: true,
                contactBy: 'letter',
              },
            ],
            uninvitedAttendeePersonIds: [],
            exclusions: [1, 2, 3].map((i) => ({
              partId: `section-${i}`,
              excludedPersonIds: ['bench-parent'],
            })),
            reports: [],
            confidentialAddressPersonIds: [],
            children: [{ childId: 'child-a', outcome: 'plan', categories: ['neglect'] }],
            figures: distributionFigures(DEFAULT_STATUTORY_SETTINGS, []),
          },
          { actor: SYSTEM_ACTOR },
        )
      ).id;
    const token = await signDevToken(
      config,
      { sub: 'bench-coordinator', roles: [Role.Coordinator], area: 'north', coveringAreas: [] },
      { now: new Date(), expiresInSeconds: 3600 },
    );

    const cases: { name: string; files: { kind: string; sectionId?: string; content: Buffer }[] }[] = [
      { name: '10 MB, one part', files: [{ kind: 'main', content: pdfOf(PART) }] },
      {
        name: '40 MB, four parts of 10 MB',
        files: [
          { kind: 'main', content: pdfOf(PART) },
          ...[1, 2, 3].map((i) => ({
            kind: 'excluded-section',
            sectionId: `section-${i}`,
            content: pdfOf(PART),
          })),
        ],
      },
    ];
    process.stdout.write(
      `bench:uploads — POST /distributions/{id}/documents/minutes/versions as multipart/form-data over HTTP, ${RUNS} runs each, sequential\n`,
    );
    for (const { name, files } of cases) {
      const manifest = JSON.stringify({
        parts: files.map((f, i) => ({
          kind: f.kind,
          ...(f.sectionId ? { sectionId: f.sectionId } : {}),
          file: `part${i}`,
        })),
      });
      const ms: number[] = [];
      let peak = 0;
      const idle = process.memoryUsage().rss;
      let status = 0;
      for (let run = 0; run < RUNS + 1; run++) {
        const id = await distribution();
        const form = new FormData();
        form.append('manifest', manifest);
        files.forEach((f, i) =>
          form.append(`part${i}`, new Blob([f.content], { type: 'application/pdf' }), `part${i}.pdf`),
        );
        (globalThis as { gc?: () => void }).gc?.();
        const before = process.memoryUsage().rss;
        let max = before;
        const sampler = setInterval(() => (max = Math.max(max, process.memoryUsage().rss)), 5);
        const started = process.hrtime.bigint();
        const res = await fetch(`http://127.0.0.1:${PORT}/distributions/${id}/documents/minutes/versions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: form,
        });
        await res.text();
        const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
        clearInterval(sampler);
        status = res.status;
        // The first run warms the pool and the statement cache.
        if (run > 0) {
          ms.push(elapsed);
          peak = Math.max(peak, max);
        }
      }
      const total = files.reduce((sum, f) => sum + f.content.length, 0);
      process.stdout.write(
        `${name.padEnd(30)} HTTP ${status}  median ${median(ms).toFixed(0)} ms  worst ${Math.max(...ms).toFixed(0)} ms  ` +
          `${(total / 1024 / 1024 / (median(ms) / 1000)).toFixed(0)} MB/s  RSS before ${mb(idle)} MB, peak ${mb(peak)} MB\n`,
      );
    }
  } finally {
    await app?.close();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  const e = error as { name?: string; code?: string; message?: string };
  process.stderr.write(
    `bench:uploads failed: ${e.name ?? 'Error'} ${e.code ?? ''} ${e.message ?? String(error)}\n`,
  );
  process.exit(1);
});
