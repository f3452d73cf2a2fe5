import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { isDatabaseUnavailable, unavailableDependency } from './unavailable';

/** gRPC status codes (grpc-js `status`). */
const GrpcStatus = { DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, UNAVAILABLE: 14 } as const;

const grpcError = (code: number, message = 'grpc'): Error =>
  Object.assign(new Error(message), { code, details: message, metadata: {} });

describe('unavailableDependency', () => {
  it('recognises a database that refuses or drops connections, also wrapped by TypeORM', () => {
    expect(
      unavailableDependency(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe('database');
    expect(unavailableDependency(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(unavailableDependency(new Error('timeout exceeded when trying to connect'))).toBe('database');
    const queryFailed = Object.assign(new Error('terminating connection due to administrator command'), {
      driverError: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    });
    expect(isDatabaseUnavailable(queryFailed)).toBe(true);
  });

  it('leaves ordinary errors alone: a constraint violation, a bug', () => {
    expect(unavailableDependency(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeNull();
    expect(unavailableDependency(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(unavailableDependency('a string')).toBeNull();
  });

  it('recognises a workflow engine that is down or too slow (gRPC UNAVAILABLE, DEADLINE_EXCEEDED)', () => {
    expect(unavailableDependency(grpcError(GrpcStatus.UNAVAILABLE))).toBe('workflow-engine');
    expect(unavailableDependency(new Error('wrapped', { cause: grpcError(GrpcStatus.DEADLINE_EXCEEDED) }))).toBe(
      'workflow-engine',
    );
    expect(unavailableDependency(new Error('Workflow Update failed', { cause: grpcError(10) }))).toBe(
      'workflow-engine',
    );
    expect(unavailableDependency(grpcError(9, 'Workflow is not ready to handle the request'))).toBe('workflow-engine');
    expect(unavailableDependency(grpcError(GrpcStatus.NOT_FOUND))).toBeNull();
  });

  it('recognises an Update call that ran out of its deadline (no worker took it)', () => {
    expect(unavailableDependency(new WorkflowUpdateRPCTimeoutOrCancelledError('Call cancelled'))).toBe(
      'workflow-engine',
    );
  });
});
