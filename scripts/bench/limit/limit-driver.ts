import { performance } from 'node:perf_hooks';
import { Client, Connection, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { LoadDriver } from '../lib/load';
import type { limitCase } from './limit.workflow';
import { limitDecide } from './limit.messages';

/**
 * The limit's people, through a bare @temporalio/client: a case is a workflow start, then the three decisions,
 * each sent as soon as the previous one is answered (no task list to poll: the fastest any approver could be).
 */
export class LimitDriver implements LoadDriver {
  readonly name = 'limit';
  readonly started: number[] = [];
  readonly completed: number[] = [];
  readonly decisions: Array<{ at: number; ms: number; level: number }> = [];
  readonly errors: Record<string, number> = {};
  readonly completedIds = new Set<string>();
  private openCases = 0;
  private seq = 0;
  private readonly runId = Math.random().toString(36).slice(2, 8);

  private constructor(
    private readonly client: Client,
    private readonly connection: Connection,
    private readonly taskQueue: string,
  ) {}

  static async connect(address: string, taskQueue: string): Promise<LimitDriver> {
    const connection = await Connection.connect({ address });
    return new LimitDriver(new Client({ connection, namespace: 'default' }), connection, taskQueue);
  }

  open(): number {
    return this.openCases;
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  async fire(): Promise<void> {
    const caseId = `limit-${this.runId}-${++this.seq}`;
    const at = performance.now();
    const handle = await this.client.workflow.start<typeof limitCase>('limitCase', {
      taskQueue: this.taskQueue,
      workflowId: caseId,
      args: [{ caseId, levels: 3 }],
    });
    this.started.push(at);
    this.openCases++;
    void (async () => {
      try {
        for (const level of [1, 2, 3]) {
          const t0 = performance.now();
          // Retried with the same Update id when the call itself times out (a loaded machine): deduplicated.
          for (let attempt = 1; ; attempt++) {
            try {
              await handle.executeUpdate(limitDecide, {
                args: [{ level, approverId: `approver-${level}` }],
                updateId: `${caseId}-L${level}`,
              });
              break;
            } catch (err) {
              if (attempt >= 5 || !(err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)) throw err;
              this.errors['update call timed out (retried, same id)'] =
                (this.errors['update call timed out (retried, same id)'] ?? 0) + 1;
            }
          }
          this.decisions.push({ at: t0, ms: performance.now() - t0, level });
        }
        this.completed.push(performance.now());
        this.completedIds.add(caseId);
      } catch (err) {
        const key = `decide failed: ${err instanceof Error ? err.message.slice(0, 80) : String(err)}`;
        this.errors[key] = (this.errors[key] ?? 0) + 1;
      } finally {
        this.openCases--;
      }
    })();
  }

  /** Every case's workflow result, for the correctness check: each must have completed with three decisions. */
  async results(): Promise<number[]> {
    const out: number[] = [];
    for (const id of this.completedIds) {
      out.push((await this.client.workflow.getHandle<typeof limitCase>(id).result()).decisions);
    }
    return out;
  }
}
