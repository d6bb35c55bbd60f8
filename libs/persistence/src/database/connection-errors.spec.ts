import { EventEmitter } from 'node:events';
import { dataSourceOptions } from './data-source-options';

describe('connection error listeners', () => {
  it('gives every pooled client an error listener as it connects, so an error event cannot end the process', () => {
    const options = dataSourceOptions('postgres://postgres@127.0.0.1:5432/x') as {
      extra: { onConnect: (client: EventEmitter) => void };
      poolErrorHandler: (error: Error) => void;
    };
    const client = new EventEmitter();
    options.extra.onConnect(client);
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    // An EventEmitter with no 'error' listener throws the error it emits: this one must not.
    expect(() => client.emit('error', terminated)).not.toThrow();
    expect(() => options.poolErrorHandler(terminated)).not.toThrow();
  });
});
