import { IsString, Length } from 'class-validator';
import { assign, emit, setup } from 'xstate';
import type { EventMeta, WorkflowDefinition } from '@app/workflows';

export class BenchInput {
  @IsString() @Length(1, 40) area!: string;
  @IsString() @Length(1, 40) receivedAt!: string;
}

export class BenchNote {
  @IsString() @Length(1, 200) text!: string;
}

/** The shape of a typical transition: validate, assign to context, declare one effect, keep a deadline open. */
export const benchDefinition: WorkflowDefinition = {
  type: 'bench-case',
  version: 1,
  input: BenchInput,
  events: { 'note.added': BenchNote },
  areaOf: (c) => (c as { area: string }).area,
  machine: setup({
    types: {
      context: {} as { area: string; receivedAt: string; notes: number; lastAt?: string },
      events: {} as { type: 'note.added'; text: string; meta: EventMeta },
      input: {} as BenchInput,
    },
  }).createMachine({
    id: 'bench-case',
    context: ({ input }) => ({ area: input.area, receivedAt: input.receivedAt, notes: 0 }),
    initial: 'open',
    states: {
      open: {
        meta: { deadlines: [{ kind: 'bench', anchor: 'receivedAt', workingDays: 15 }] },
        on: {
          'note.added': {
            actions: [
              assign({ notes: ({ context }) => context.notes + 1, lastAt: ({ event }) => event.meta.at }),
              emit({ type: 'bench.effect' }),
            ],
          },
        },
      },
    },
  }),
};
