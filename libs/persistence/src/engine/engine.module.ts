import { DynamicModule, Global, Module } from '@nestjs/common';
import { WorkflowDefinition, WorkflowRegistry } from '@app/workflows';
import { OutboxSignal } from './outbox-signal';
import { ReplayService } from './replay.service';
import { WorkflowEngine } from './workflow-engine.service';

/** The engine and the registry of machines it runs, once for the application. */
@Global()
@Module({})
export class EngineModule {
  static register(definitions: WorkflowDefinition[]): DynamicModule {
    return {
      module: EngineModule,
      providers: [
        { provide: WorkflowRegistry, useValue: new WorkflowRegistry(definitions) },
        OutboxSignal,
        WorkflowEngine,
        ReplayService,
      ],
      exports: [WorkflowRegistry, OutboxSignal, WorkflowEngine, ReplayService],
    };
  }
}
