import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, DomainErrorCode } from '@app/workflows';
import type { AuthenticatedRequest } from '../../auth/current-principal.decorator';
import { WorkflowsService } from '../../workflows/workflows.service';

export interface BatchRetryOutcome {
  retried: number;
  /** Out of the caller's areas, gone, already resolved or resolved meanwhile by someone else. */
  skipped: number;
}

/**
 * Retries the failed steps of several workflows at once, as batch retry in Camunda Operate: every
 * open incident with a failed effect, one at a time through the API's own resolveIncident (so
 * each is scoped, journaled with the reason and access-logged in its own transaction). A workflow
 * the caller may not see is skipped exactly as a missing one.
 */
@Injectable()
export class BatchRetryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: WorkflowsService,
  ) {}

  async retry(req: AuthenticatedRequest, workflowIds: string[], reason: string): Promise<BatchRetryOutcome> {
    const incidents = (await this.dataSource.query(
      `SELECT id, workflow_id FROM workflow_incident
        WHERE workflow_id = ANY($1::uuid[]) AND resolved_at IS NULL AND outbox_id IS NOT NULL
        ORDER BY created_at, id`,
      [workflowIds],
    )) as { id: string; workflow_id: string }[];
    const outcome: BatchRetryOutcome = { retried: 0, skipped: 0 };
    for (const incident of incidents) {
      try {
        await this.workflows.resolveIncident(req, incident.workflow_id, incident.id, { reason, retry: true }, undefined);
        outcome.retried++;
      } catch (error) {
        if (!(error instanceof DomainError) || ![DomainErrorCode.NotFound, DomainErrorCode.Conflict].includes(error.code)) throw error;
        outcome.skipped++;
      }
    }
    return outcome;
  }
}
