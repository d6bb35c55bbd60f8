import { decodeCursor, encodeCursor } from './cursor';
import type { ListCondition, ListExtension, ListedWorkflow, ListFilters, Page } from './engine.types';
import { flagsOf, InstanceRow } from './instance-row';

type SummaryRow = Omit<InstanceRow, 'snapshot' | 'seq' | 'created_at' | 'parent_id' | 'parent_seq'>;

const SUMMARY_COLUMNS = `id, type, machine_version, state, status, area, reference, next_due_at, stuck_after,
  open_incidents, last_transition_at, updated_at`;
const ALIAS = /^[a-z][a-zA-Z0-9]{0,62}$/;

/** The conditions of the engine's own filters, on indexed columns only (never the snapshots). */
function conditionsOf(filters: ListFilters, now: Date): ListCondition[] {
  const where: ListCondition[] = [];
  const add = (sql: string, ...values: unknown[]) => where.push({ sql, values });
  if (filters.type) add('type = ?', filters.type);
  if (filters.state) add('state = ?', filters.state);
  if (filters.status) add('status = ?', filters.status);
  if (filters.overdue === true) add(`status = 'active' AND next_due_at <= ?`, now);
  if (filters.overdue === false) add(`(status <> 'active' OR next_due_at IS NULL OR next_due_at > ?)`, now);
  if (filters.stuck === true) add(`status = 'active' AND stuck_after <= ?`, now);
  if (filters.stuck === false) add(`(status <> 'active' OR stuck_after IS NULL OR stuck_after > ?)`, now);
  if (filters.atRisk === true) add(`status = 'active' AND warned`);
  if (filters.failed === true) add('open_incidents > 0');
  if (filters.updatedBefore) add('updated_at < ?', filters.updatedBefore);
  if (filters.areas && filters.areas !== 'all') add('area = ANY(?)', filters.areas);
  if (filters.excludeTypes && filters.excludeTypes.length > 0) add('NOT (type = ANY(?))', filters.excludeTypes);
  if (filters.subject) add('id IN (SELECT workflow_id FROM workflow_subject WHERE subject_id = ?)', filters.subject);
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor);
    add('(updated_at, id) < (?, ?)', cursor.updatedAt, cursor.id);
  }
  return where;
}

/** The list query: the engine's filters and a domain list's extension, newest change first, one page. */
export function listQuery<Extra extends object>(
  filters: ListFilters,
  extension: ListExtension<Extra>,
  now: Date,
): { sql: string; params: unknown[]; limit: number } {
  const params: unknown[] = [];
  const where = [...conditionsOf(filters, now), ...(extension.where ?? [])].map(({ sql, values }) => {
    const placeholders = sql.split('?').length - 1;
    if (placeholders !== values.length) throw new Error(`List condition '${sql}' has ${values.length} values`);
    return values.reduce<string>((text, value) => {
      params.push(value);
      return text.replace('?', `$${params.length}`);
    }, sql);
  });
  const extra = Object.entries(extension.columns ?? {}).map(([alias, expression]) => {
    if (!ALIAS.test(alias)) throw new Error(`List column alias '${alias}' is not a plain name`);
    return `, ${expression as string} AS "x_${alias}"`;
  });
  const limit = Math.min(Math.max(filters.limit ?? 50, 1), 200);
  params.push(limit + 1);
  const sql = `SELECT ${SUMMARY_COLUMNS}${extra.join('')}
                 FROM workflow_instance ${where.length ? `WHERE ${where.map((w) => `(${w})`).join(' AND ')}` : ''}
                ORDER BY updated_at DESC, id DESC LIMIT $${params.length}`;
  return { sql, params, limit };
}

/**
 * One page from the rows the list query returned (one more than the page, to know if another
 * follows). Items carry `extra` only for a list that selects extra columns.
 */
export function listPage<Extra extends object>(
  rows: (SummaryRow & Record<string, unknown>)[],
  limit: number,
  extension: ListExtension<Extra>,
  now: Date,
): Page<ListedWorkflow<Extra>> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const aliases = Object.keys(extension.columns ?? {});
  const extraOf = (r: Record<string, unknown>) =>
    aliases.length > 0 ? { extra: Object.fromEntries(aliases.map((alias) => [alias, r[`x_${alias}`]])) as Extra } : {};
  return {
    items: page.map((r) => ({
      id: r.id,
      type: r.type,
      machineVersion: r.machine_version,
      state: r.state,
      status: r.status,
      area: r.area,
      reference: r.reference,
      nextDueAt: r.next_due_at?.toISOString() ?? null,
      ...flagsOf(r, now),
      openIncidents: r.open_incidents,
      lastTransitionAt: r.last_transition_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      ...extraOf(r),
    })) as ListedWorkflow<Extra>[],
    nextCursor:
      rows.length > limit && last ? encodeCursor({ updatedAt: last.updated_at.toISOString(), id: last.id }) : null,
  };
}
