import { DynamicModule, Global, Module } from '@nestjs/common';
import { WorkflowDefinition, WorkflowRegistry } from '@app/workflows';
import { WriteIdempotency } from './idempotency';
import { IncidentService } from './incidents.service';
import { OutboxSignal } from './outbox-signal';
import { ReplayService } from './replay.service';
import { transitionEnvProvider } from './transition-env';
import { WorkflowCommands } from './workflow-commands.service';
import { WorkflowEngine } from './workflow-engine.service';
import { WorkflowQueries } from './workflow-queries.service';

/** The engine and the registry of machines it runs, once for the application. */
@Global()
@Module({})
export class EngineModule {
  static register(definitions: WorkflowDefinition[]): DynamicModule {
    return {
      module: EngineModule,
      providers: [
        { provide: WorkflowRegistry, useValue: new WorkflowRegistry(definitions) },
        transitionEnvProvider,
        OutboxSignal,
        WriteIdempotency,
        IncidentService,
        WorkflowCommands,
        WorkflowQueries,
        WorkflowEngine,
        ReplayService,
      ],
      exports: [WorkflowRegistry, OutboxSignal, IncidentService, WorkflowEngine, ReplayService],
    };
  }
}
