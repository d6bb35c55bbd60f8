import type { WorkflowDefinition, WorkflowSubject } from '@app/workflows';
import type { Statement } from './statement';

/** The subjects a definition declares for a context, each once, in a stable order. */
export function subjectsOf(definition: WorkflowDefinition, context: unknown): WorkflowSubject[] {
  if (!definition.subjectsOf) return [];
  const unique = new Map<string, WorkflowSubject>();
  for (const subject of definition.subjectsOf(context)) {
    unique.set(`${subject.kind}\u0000${subject.id}`, { id: subject.id, kind: subject.kind });
  }
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, subject]) => subject);
}

export function sameSubjects(a: WorkflowSubject[], b: WorkflowSubject[]): boolean {
  return a.length === b.length && a.every((s, i) => s.id === b[i]!.id && s.kind === b[i]!.kind);
}

/**
 * Adds the writes that make a workflow's subject rows the given set: rows no longer declared go,
 * new ones come. Only added when the set changed, so most transitions write nothing here.
 */
export function addSubjectWrites(
  s: Statement,
  workflowId: string,
  subjects: WorkflowSubject[],
  existingRows: boolean,
): void {
  if (!existingRows && subjects.length === 0) return;
  const ids = s.p(subjects.map((x) => x.id));
  const kinds = s.p(subjects.map((x) => x.kind));
  if (existingRows) {
    s.with(
      'subjects_gone',
      `DELETE FROM workflow_subject
        WHERE workflow_id = ${workflowId}
          AND (subject_id, kind) NOT IN (SELECT * FROM unnest(${ids}::text[], ${kinds}::text[]))`,
    );
  }
  if (subjects.length > 0) {
    s.with(
      'subjects_new',
      `INSERT INTO workflow_subject (workflow_id, subject_id, kind)
       SELECT ${workflowId}, v.subject_id, v.kind FROM unnest(${ids}::text[], ${kinds}::text[]) AS v (subject_id, kind)
       ON CONFLICT DO NOTHING`,
    );
  }
}
