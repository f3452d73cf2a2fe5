/**
 * Progress of a long command-line run: a bar redrawn in place on a terminal, plain periodic lines in a log or a
 * pipe. The rendering is pure; `Progress` only decides when to write, on an injected clock.
 */

export interface ProgressState {
  done: number;
  total: number;
  elapsedMs: number;
}

export interface ProgressFigures {
  /** 0 to 1; a run with nothing to do is complete. */
  fraction: number;
  /** Whole percent, rounded down: 100 only when everything is done. */
  percent: number;
  perSecond: number;
  /** Time left at the rate so far; null until the rate is known. */
  etaMs: number | null;
  complete: boolean;
}

export function progressFigures({ done, total, elapsedMs }: ProgressState): ProgressFigures {
  const complete = done >= total;
  const fraction = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const perSecond = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const etaMs = complete ? 0 : perSecond > 0 ? ((total - done) / perSecond) * 1000 : null;
  return { fraction, percent: Math.floor(fraction * 100), perSecond, etaMs, complete };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `45s`, `2m05s`, `1h02m`; `--` when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '--';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${pad2(seconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h${pad2(minutes % 60)}m`;
}

/** `0.25/s`, `12.5/s`, `1234/s`: about three significant figures. */
export function formatRate(perSecond: number): string {
  const digits = perSecond >= 100 ? 0 : perSecond >= 10 ? 1 : 2;
  return `${perSecond.toFixed(digits)}/s`;
}

/** `50.0/s  ETA 10s` while running, `50.0/s  took 20s` once done. */
function pace(state: ProgressState, figures: ProgressFigures): string {
  const when = figures.complete ? `took ${formatDuration(state.elapsedMs)}` : `ETA ${formatDuration(figures.etaMs)}`;
  return `${formatRate(figures.perSecond)}  ${when}`;
}

/** One terminal line: `replay [##########----------]  50%  500/1000  50.0/s  ETA 10s`. */
export function renderBar(label: string, state: ProgressState, barWidth: number): string {
  const figures = progressFigures(state);
  const filled = Math.round(figures.fraction * barWidth);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}`;
  return `${label} [${bar}] ${String(figures.percent).padStart(3)}%  ${state.done}/${state.total}  ${pace(state, figures)}`;
}

/** One log line: `replay: 500/1000 (50%)  50.0/s  ETA 10s`. */
export function renderLine(label: string, state: ProgressState): string {
  const figures = progressFigures(state);
  return `${label}: ${state.done}/${state.total} (${figures.percent}%)  ${pace(state, figures)}`;
}

export interface ProgressOptions {
  label: string;
  /** Redraw one line in place (a terminal), or print plain lines (a log file, a pipe, CI). */
  tty: boolean;
  write: (text: string) => void;
  /** Milliseconds; `Date.now` unless a test drives the clock. */
  now?: () => number;
  /** Terminal width, for the bar. */
  columns?: number;
  /** Line mode: a line after this many more items... */
  everyItems?: number;
  /** ...or after this long, whichever comes first; and always once everything is done. */
  everyMs?: number;
  /** Terminal mode: draw the first update at once, then redraw at most this often. */
  redrawMs?: number;
}

const CLEAR_TO_END = '\x1b[K';

/** Reports `update(done, total)` calls as a bar or as lines; `finish()` writes the last state once. */
export class Progress {
  private readonly now: () => number;
  private readonly startedAt: number;
  private lastWriteAt: number;
  private lastWrittenDone = -1;
  private state: { done: number; total: number } | null = null;
  private finished = false;

  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.lastWriteAt = this.startedAt;
  }

  update(done: number, total: number): void {
    if (this.finished) return;
    this.state = { done, total };
    const at = this.now();
    const o = this.options;
    const due = o.tty
      ? this.lastWrittenDone < 0 || at - this.lastWriteAt >= (o.redrawMs ?? 100) || done >= total
      : done - Math.max(0, this.lastWrittenDone) >= (o.everyItems ?? 100) ||
        at - this.lastWriteAt >= (o.everyMs ?? 2000) ||
        done >= total;
    if (due && done !== this.lastWrittenDone) this.write(at);
  }

  /** Writes the final state if it was not written yet, and ends the terminal line. Nothing if nothing happened. */
  finish(): void {
    if (this.finished || !this.state) return;
    if (this.state.done !== this.lastWrittenDone) this.write(this.now());
    if (this.options.tty) this.options.write('\n');
    this.finished = true;
  }

  private write(at: number): void {
    if (!this.state) return;
    const state = { ...this.state, elapsedMs: at - this.startedAt };
    const { label, tty, columns } = this.options;
    if (tty) {
      // The bar takes what the figures leave of the line, within 10 to 40 characters.
      const rest = renderBar(label, state, 0).length;
      const width = Math.max(10, Math.min(40, (columns && columns > 0 ? columns : 80) - rest - 1));
      this.options.write(`\r${renderBar(label, state, width)}${CLEAR_TO_END}`);
    } else {
      this.options.write(`${renderLine(label, state)}\n`);
    }
    this.lastWriteAt = at;
    this.lastWrittenDone = state.done;
  }
}
