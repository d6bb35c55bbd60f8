import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  canonicalJson,
  ENGINE_EVENTS,
  EventMeta,
  JournalEntryForReplay,
  PersistedWorkflowSnapshot,
  replayJournal,
  WorkflowRegistry,
  WorkingDayCalendar,
} from '@app/workflows';
import { AppConfig } from '../config/app-config';

export interface ReplayMismatch {
  id: string;
  type: string;
  machineVersion: number;
  /** What went wrong, without context values (they may hold personal data). */
  problem: string;
}

export interface ReplayReport {
  checked: number;
  mismatched: ReplayMismatch[];
}

/**
 * Replays every journal in the database through its pinned machine versions and compares the
 * result with the stored snapshot. Run before shipping a machine change (`npm run replay`): a
 * change that would break running workflows shows up here, not in production.
 */
@Injectable()
export class ReplayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: WorkflowRegistry,
    private readonly config: AppConfig,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async check(batchSize = 200): Promise<ReplayReport> {
    const env = { settings: this.config.statutory, calendar: this.calendar };
    const report: ReplayReport = { checked: 0, mismatched: [] };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const instances = (await this.dataSource.query(
        `SELECT id, type, machine_version, snapshot, assignee_sub FROM workflow_instance WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, batchSize],
      )) as {
        id: string;
        type: string;
        machine_version: number;
        snapshot: PersistedWorkflowSnapshot;
        assignee_sub: string | null;
      }[];
      if (instances.length === 0) return report;
      const journals = (await this.dataSource.query(
        `SELECT workflow_id, seq, event_id, event_type, payload, actor_sub, actor_role, machine_version, occurred_at
           FROM workflow_journal WHERE workflow_id = ANY($1) ORDER BY workflow_id, seq`,
        [instances.map((i) => i.id)],
      )) as {
        workflow_id: string;
        seq: number;
        event_id: string;
        event_type: string;
        payload: Record<string, unknown>;
        actor_sub: string;
        actor_role: string;
        machine_version: number;
        occurred_at: Date;
      }[];
      const byWorkflow = new Map<string, JournalEntryForReplay[]>();
      for (const row of journals) {
        const meta: EventMeta = {
          at: row.occurred_at.toISOString(),
          actor: { sub: row.actor_sub, role: row.actor_role },
          eventId: row.event_id,
        };
        const entries = byWorkflow.get(row.workflow_id) ?? [];
        entries.push({ seq: row.seq, eventType: row.event_type, payload: row.payload, meta, machineVersion: row.machine_version });
        byWorkflow.set(row.workflow_id, entries);
      }
      for (const instance of instances) {
        report.checked++;
        const mismatch = (problem: string) =>
          report.mismatched.push({ id: instance.id, type: instance.type, machineVersion: instance.machine_version, problem });
        try {
          const replayed = replayJournal(instance.type, byWorkflow.get(instance.id) ?? [], this.registry, env);
          if (canonicalJson(replayed) !== canonicalJson(instance.snapshot)) {
            mismatch('replayed snapshot differs from the stored one');
          }
          const reassignments = (byWorkflow.get(instance.id) ?? []).filter((e) => e.eventType === ENGINE_EVENTS.reassigned);
          const assignee = (reassignments[reassignments.length - 1]?.payload.toSub as string | null | undefined) ?? null;
          if (assignee !== instance.assignee_sub) mismatch('the assignee differs from the last reassignment in the journal');
        } catch (error) {
          mismatch(`replay failed: ${(error as Error).message.slice(0, 300)}`);
        }
      }
      after = instances[instances.length - 1]!.id;
    }
  }
}
