import { DomainError, DomainErrorCode } from '../errors';
import { machineDeadlineProblems } from './deadline-declarations';
import type { WorkflowDefinition } from './workflow-definition';

/** Every machine by type and version. New instances take the newest; old versions stay while instances use them. */
export class WorkflowRegistry {
  private readonly byType = new Map<string, Map<number, WorkflowDefinition>>();

  constructor(definitions: WorkflowDefinition[] = []) {
    definitions.forEach((d) => this.register(d));
  }

  register(definition: WorkflowDefinition): this {
    const versions = this.byType.get(definition.type) ?? new Map<number, WorkflowDefinition>();
    if (versions.has(definition.version)) {
      throw new Error(`${definition.type} v${definition.version} is registered twice`);
    }
    if (definition.migration && definition.migration.fromVersion !== definition.version - 1) {
      throw new Error(
        `${definition.type} v${definition.version} may only migrate from v${definition.version - 1}`,
      );
    }
    const problems = machineDeadlineProblems(definition.machine);
    if (problems.length > 0) {
      throw new Error(
        `${definition.type} v${definition.version} declares invalid deadlines: ${problems.join('; ')}`,
      );
    }
    versions.set(definition.version, definition);
    this.byType.set(definition.type, versions);
    return this;
  }

  latest(type: string): WorkflowDefinition {
    const versions = this.byType.get(type);
    if (!versions) {
      throw new DomainError(DomainErrorCode.UnknownWorkflowType, `No workflow type '${type}' is registered`);
    }
    return versions.get(Math.max(...versions.keys()))!;
  }

  get(type: string, version: number): WorkflowDefinition {
    const definition = this.byType.get(type)?.get(version);
    if (!definition) throw new Error(`Workflow ${type} v${version} is not registered but instances use it`);
    return definition;
  }

  has(type: string, version?: number): boolean {
    const versions = this.byType.get(type);
    return version === undefined ? !!versions : !!versions?.has(version);
  }

  all(): WorkflowDefinition[] {
    return [...this.byType.values()]
      .flatMap((v) => [...v.values()])
      .sort((a, b) => (a.type === b.type ? a.version - b.version : a.type.localeCompare(b.type)));
  }
}
