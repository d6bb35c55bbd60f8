import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson, DomainError, DomainErrorCode } from '@app/workflows';
import type { TransitionResult } from './engine.types';

export const UNIQUE_VIOLATION = '23505';

/** What the journal recorded for an event id: the hash of the request and the answer given. */
export interface EarlierAnswer {
  request_hash: string;
  result: TransitionResult;
}

/** What the idempotency of a write covers: the same key with another request is a 409. */
export const requestHash = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** The recorded answer to a repeated delivery; a reused key with a different request is a 409. */
export function replayedAnswer(earlier: EarlierAnswer, hash: string, what: string): TransitionResult {
  if (earlier.request_hash !== hash) {
    throw new DomainError(
      DomainErrorCode.IdempotencyKeyReused,
      `This idempotency key was already used for a different ${what}`,
    );
  }
  return { ...earlier.result, replayed: true };
}

const isUniqueViolation = (error: unknown, constraint: string) => {
  const { code, constraint: violated } = error as { code?: string; constraint?: string };
  return code === UNIQUE_VIOLATION && violated === constraint;
};

/**
 * Every write answers once per key: an event once per (workflow, event id), a start once per
 * (type, start key). A repeat is answered from the journal; a repeat racing the first is stopped
 * by the journal's or the instance's unique constraint and answered the same way.
 */
@Injectable()
export class WriteIdempotency {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs a write at most once per event id. A second delivery that waited for the first is answered
   * from the journal by lockForEvent; should one still reach the journal's unique (workflow, event
   * id), the last word is the database's, and it answers with what the first recorded.
   */
  async oncePerEventId(
    id: string,
    eventId: string,
    hash: string,
    write: () => Promise<TransitionResult>,
  ): Promise<TransitionResult> {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error, 'workflow_journal_event_once')) throw error;
      const rows = (await this.dataSource.query(
        `SELECT request_hash, result FROM workflow_journal WHERE workflow_id = $1 AND event_id = $2`,
        [id, eventId],
      )) as EarlierAnswer[];
      if (!rows[0]) throw error;
      return replayedAnswer(rows[0], hash, 'event on this workflow');
    }
  }

  /** Runs a start at most once per (type, start key); without a key, every start is a new workflow. */
  async oncePerStartKey(
    type: string,
    key: string | undefined,
    hash: string,
    write: () => Promise<TransitionResult>,
  ): Promise<TransitionResult> {
    try {
      return await write();
    } catch (error) {
      // The same key raced us: answer with what the winner recorded.
      if (!key || !isUniqueViolation(error, 'workflow_instance_start_key')) throw error;
      const earlier = await this.findStart(this.dataSource.manager, type, key, hash);
      if (earlier) return earlier;
      throw error;
    }
  }

  /** The answer recorded for a start with this key, if there was one. */
  async findStart(
    manager: EntityManager,
    type: string,
    key: string,
    hash: string,
  ): Promise<TransitionResult | undefined> {
    const rows = (await manager.query(
      `SELECT j.request_hash, j.result FROM workflow_instance i
         JOIN workflow_journal j ON j.workflow_id = i.id AND j.seq = 1
        WHERE i.type = $1 AND i.start_key = $2`,
      [type, key],
    )) as EarlierAnswer[];
    return rows[0] ? replayedAnswer(rows[0], hash, 'workflow start') : undefined;
  }
}
