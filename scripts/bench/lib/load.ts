import { performance } from 'node:perf_hooks';
import { sleep, summarize } from './stats';
import type { Summary } from './stats';

/**
 * Open-loop load: cases are started at the offered rate whatever the answers, and a staircase of rising rates
 * finds where completions stop keeping up. One driver per system under test (the product over HTTP, the bare
 * Temporal limit); both record the same figures.
 */
export interface LoadDriver {
  readonly name: string;
  /** Starts one case; resolves once the start itself was answered (the rest of the case runs on). */
  fire(): Promise<void>;
  /** When each case was started (ms, performance.now()), in order. */
  readonly started: number[];
  /** When each case completed: all three levels decided and, for the product, paid. */
  readonly completed: number[];
  /** Every decision: when its request was sent and how long its answer took (ms). */
  readonly decisions: Array<{ at: number; ms: number }>;
  /** Cases started and not completed yet. */
  open(): number;
  /** Answers other than success, by kind. */
  readonly errors: Record<string, number>;
}

export interface StepFigure {
  phase: 'ramp' | 'sustain';
  offeredPerS: number;
  seconds: number;
  started: number;
  startedPerS: number;
  completed: number;
  completedPerS: number;
  /** Cases open at the end of the step. */
  backlog: number;
  /** Decision latency of the decisions sent during the step, ms. */
  latency: Summary;
  /** Load average at the end of the step. */
  load1: number;
}

const count = (xs: number[], from: number, to: number): number => xs.filter((x) => x >= from && x < to).length;

/** Offers `rate` cases/s for `ms`, never more than `maxInFlightStarts` starts unanswered at once. */
export async function offer(
  driver: LoadDriver,
  rate: number,
  ms: number,
  options: { maxInFlightStarts?: number; count?: number } = {},
): Promise<void> {
  const maxInFlightStarts = options.maxInFlightStarts ?? 200;
  const interval = 1000 / rate;
  const t0 = performance.now();
  let next = t0;
  let inFlight = 0;
  let fired = 0;
  const pending = new Set<Promise<void>>();
  while (next < t0 + ms && (options.count === undefined || fired < options.count)) {
    const wait = next - performance.now();
    if (wait > 1) await sleep(wait);
    if (inFlight >= maxInFlightStarts) {
      driver.errors['start skipped: too many unanswered starts'] =
        (driver.errors['start skipped: too many unanswered starts'] ?? 0) + 1;
    } else {
      inFlight++;
      fired++;
      const p: Promise<void> = driver
        .fire()
        .catch((err: unknown) => {
          const key = `start failed: ${err instanceof Error ? err.message.slice(0, 80) : String(err)}`;
          driver.errors[key] = (driver.errors[key] ?? 0) + 1;
        })
        .finally(() => {
          inFlight--;
          pending.delete(p);
        });
      pending.add(p);
    }
    next += interval;
  }
  await Promise.all(pending);
}

export function stepFigure(
  driver: LoadDriver,
  phase: StepFigure['phase'],
  rate: number,
  from: number,
  to: number,
  load1: number,
): StepFigure {
  const seconds = (to - from) / 1000;
  const started = count(driver.started, from, to);
  const completed = count(driver.completed, from, to);
  return {
    phase,
    offeredPerS: rate,
    seconds: Math.round(seconds * 10) / 10,
    started,
    startedPerS: Math.round((started / seconds) * 100) / 100,
    completed,
    completedPerS: Math.round((completed / seconds) * 100) / 100,
    backlog: driver.open(),
    latency: summarize(driver.decisions.filter((d) => d.at >= from && d.at < to).map((d) => d.ms)),
    load1,
  };
}

/** A step kept up when it completed at least 90 % of what it was offered and the backlog stayed small. */
export function keptUp(step: StepFigure): boolean {
  return step.completedPerS >= 0.9 * step.offeredPerS && step.backlog <= Math.max(10, step.offeredPerS * 3);
}

export interface StaircaseOptions {
  rates: number[];
  stepSeconds: number;
  sustainSeconds: number;
  /** Sustain at this rate instead of the highest one the ramp kept up with. */
  sustainRate?: number;
  drainSeconds: number;
  load1: () => number;
  log: (m: string) => void;
  /** Called right before and right after the sustained window (profiles, counters). */
  onSustainStart?: () => Promise<void>;
  onSustainEnd?: () => Promise<void>;
}

export interface StaircaseResult {
  steps: StepFigure[];
  sustain: StepFigure | null;
  /** Cases still open after the drain (should be 0). */
  openAfterDrain: number;
  drainSeconds: number;
}

/** The ramp, then the sustained phase at the best rate that kept up, then a drain with no new cases. */
export async function staircase(driver: LoadDriver, o: StaircaseOptions): Promise<StaircaseResult> {
  const steps: StepFigure[] = [];
  for (const rate of o.rates) {
    const from = performance.now();
    await offer(driver, rate, o.stepSeconds * 1000);
    const step = stepFigure(driver, 'ramp', rate, from, performance.now(), o.load1());
    steps.push(step);
    o.log(
      `${driver.name} ramp ${rate}/s: started ${step.startedPerS}/s, completed ${step.completedPerS}/s, backlog ${step.backlog}, ` +
        `decision p50/p95/p99 ${step.latency.p50}/${step.latency.p95}/${step.latency.p99} ms` +
        (Object.keys(driver.errors).length ? `; errors so far ${JSON.stringify(driver.errors)}` : ''),
    );
    if (!keptUp(step) && step.backlog > rate * 2) break;
  }
  const best = [...steps].reverse().find(keptUp);
  const rate = o.sustainRate ?? best?.offeredPerS ?? o.rates[0];
  let sustain: StepFigure | null = null;
  if (o.sustainSeconds > 0) {
    // Let the backlog of an overloaded last step drain first, so the sustained window starts clean.
    await drain(driver, Math.min(o.drainSeconds, 60));
    await o.onSustainStart?.();
    const from = performance.now();
    await offer(driver, rate, o.sustainSeconds * 1000);
    const to = performance.now();
    await o.onSustainEnd?.();
    sustain = stepFigure(driver, 'sustain', rate, from, to, o.load1());
    o.log(
      `${driver.name} sustained ${rate}/s for ${o.sustainSeconds} s: completed ${sustain.completedPerS}/s, ` +
        `decision p50/p95/p99 ${sustain.latency.p50}/${sustain.latency.p95}/${sustain.latency.p99} ms`,
    );
  }
  const t = performance.now();
  const openAfterDrain = await drain(driver, o.drainSeconds);
  return { steps, sustain, openAfterDrain, drainSeconds: Math.round((performance.now() - t) / 100) / 10 };
}

export async function drain(driver: LoadDriver, seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  while (driver.open() > 0 && performance.now() < deadline) await sleep(200);
  return driver.open();
}
