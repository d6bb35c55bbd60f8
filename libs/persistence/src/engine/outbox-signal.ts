import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * In-process nudge from the engine to the outbox dispatcher after a commit, so effects go out at
 * once instead of at the next poll. Losing a nudge loses nothing: the dispatcher also polls.
 */
@Injectable()
export class OutboxSignal {
  private readonly emitter = new EventEmitter();

  notify(): void {
    this.emitter.emit('committed');
  }

  subscribe(listener: () => void): () => void {
    this.emitter.on('committed', listener);
    return () => this.emitter.off('committed', listener);
  }
}
