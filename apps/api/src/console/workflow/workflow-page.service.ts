import { Injectable } from '@nestjs/common';
import { AppConfig, WorkflowEngine } from '@app/persistence';
import { DEADLINE_STEP, ENGINE_EVENTS, type LadderStep } from '@app/workflows';
import type { AuthenticatedRequest } from '../../auth/current-principal.decorator';
import { NotificationsService } from '../../notifications/notifications.service';
import { WorkflowsService } from '../../workflows/workflows.service';
import { words } from '../http/views';
import { chartGraph, type ChartGraph, type ChartState } from '../statechart/statechart-graph';
import { renderStatechartSvg } from '../statechart/statechart-svg';
import { timelineEntry } from './timeline';

export interface LadderStepView extends LadderStep {
  fired: boolean;
}

/**
 * Everything a workflow's page shows, read through the API's own services (so scoping by area and
 * type, and the access log, are the API's): details, journal, notifications, the statechart.
 */
@Injectable()
export class WorkflowPageService {
  private readonly graphs = new Map<string, ChartGraph>();

  constructor(
    private readonly workflows: WorkflowsService,
    private readonly notifications: NotificationsService,
    private readonly engine: WorkflowEngine,
    private readonly config: AppConfig,
  ) {}

  graphOf(type: string, version: number): ChartGraph {
    const key = `${type}@${version}`;
    let graph = this.graphs.get(key);
    if (!graph) {
      graph = chartGraph(this.engine.definitions.get(type, version).machine);
      this.graphs.set(key, graph);
    }
    return graph;
  }

  /** The version a workflow on `version` can be migrated to: the one that declares a migration from it. */
  migrationTarget(type: string, version: number): number | null {
    const next = this.engine.definitions
      .all()
      .find((d) => d.type === type && d.version > version && d.migration?.fromVersion === version);
    return next?.version ?? null;
  }

  async page(req: AuthenticatedRequest, id: string) {
    const details = await this.workflows.get(req, id);
    const journal = await this.engine.history(id);
    const notifications = await this.notifications.forWorkflow(req, id);
    const graph = this.graphOf(details.type, details.machineVersion);
    const labels = new Map<string, string>();
    const index = (s: ChartState) => {
      if (s.path) labels.set(s.path, s.label === s.key ? words(s.key) : s.label);
      s.children.forEach(index);
    };
    index(graph.root);
    const label = (path: string | null) =>
      path === null ? 'nowhere' : path.split(' & ').map((p) => labels.get(p) ?? words(p)).join(' and ');

    const fired = new Map<string, Set<string>>();
    for (const entry of journal) {
      if (entry.type !== ENGINE_EVENTS.deadlineStep) continue;
      const deadlineId = String(entry.payload.deadlineId ?? '');
      fired.set(deadlineId, (fired.get(deadlineId) ?? new Set()).add(String(entry.payload.stepId ?? '')));
    }
    const deadlines = details.deadlines.map((d) => {
      const ladder = this.config.escalationLadders[d.ladder] ?? this.config.escalationLadders.default;
      const steps: LadderStepView[] = (ladder?.steps ?? []).map((step) => ({
        ...step,
        fired: fired.get(d.id)?.has(step.id) ?? false,
      }));
      return { ...d, steps, overdue: !!d.overdueAt, warned: !!d.warnedAt };
    });

    const svg = await renderStatechartSvg(graph, details.state, `Statechart of ${words(details.type)}`);
    const timeline = journal.map((entry) => timelineEntry(entry, label)).reverse();
    const forceTargets = graph.paths
      .filter((path) => !details.state.split(' & ').includes(path))
      .map((path) => ({ value: path, text: label(path) }));
    const link = (l: { id: string; type: string; state: string; status: string }) => ({
      ...l,
      typeLabel: words(l.type),
      stateLabel: l.state.split(' & ').map((p) => words(p.split('.').pop() ?? p)).join(' and '),
    });
    const latestVersion = this.engine.definitions.latest(details.type).version;
    return {
      details,
      parent: details.parent ? link(details.parent) : null,
      children: (details.children ?? []).map(link),
      assignee: details.assignee ?? null,
      latestVersion,
      migrateTo: details.status === 'active' ? this.migrationTarget(details.type, details.machineVersion) : null,
      stateLabel: label(details.state),
      svg,
      states: graph.paths.map((path) => ({ path, label: label(path), current: details.state.split(' & ').includes(path) })),
      timeline,
      deadlines,
      incidents: details.incidents,
      openIncidents: details.incidents.filter((i) => !i.resolvedAt),
      notifications,
      forceTargets,
      steps: DEADLINE_STEP,
    };
  }
}
