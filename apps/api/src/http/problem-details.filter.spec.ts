import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ProblemDetailsFilter } from './problem-details.filter';

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers a transient database failure with 503 and logs the same error id, without the SQL parameters', () => {
    const terminated = new QueryFailedError(
      'UPDATE workflow_instance SET snapshot = $1',
      [{ context: { summary: 'Free text about a child' } }],
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    );
    const problem = filter.toProblem(terminated);
    expect(problem).toMatchObject({
      type: 'https://cp-workflows.local/problems/service-unavailable',
      status: 503,
      errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(warn).toHaveBeenCalledTimes(1);
    const [logged] = warn.mock.calls[0] as [{ errorId: string; err: Record<string, unknown> }];
    expect(logged.errorId).toBe(problem.errorId);
    expect(logged.err).toMatchObject({ class: 'QueryFailedError', code: '57P01' });
    expect(JSON.stringify(logged)).not.toContain('Free text about a child');
    expect(error).not.toHaveBeenCalled();
  });

  it('answers anything else unknown with 500 and logs its error id', () => {
    const problem = filter.toProblem(
      new QueryFailedError('INSERT', ['a value'], Object.assign(new Error('x'), { code: '23514' })),
    );
    expect(problem).toMatchObject({
      status: 500,
      type: 'https://cp-workflows.local/problems/internal-error',
    });
    const [logged] = error.mock.calls[0] as [{ errorId: string }];
    expect(logged.errorId).toBe(problem.errorId);
    expect(JSON.stringify(logged)).not.toContain('a value');
  });
});
