import { readdirSync, readFileSync } from 'node:fs';

/**
 * Memory and CPU of the stack's processes, read from /proc (Linux). A process is measured with its descendants
 * (PostgreSQL forks one backend per connection): RSS is summed as PSS for trees, so shared pages count once.
 */

export interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, in seconds. */
  cpuSeconds: number;
}

const CLK_TCK = 100; // sysconf(_SC_CLK_TCK) on Linux x86-64

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // fields[0] is state (field 3); ppid is field 4, utime 14, stime 15
    return {
      pid,
      ppid: Number(fields[1]),
      comm,
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLK_TCK,
    };
  } catch {
    return null;
  }
}

function allStats(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) out.push(s);
  }
  return out;
}

/** The pid and every descendant of it that is alive now. */
export function processTree(pid: number, stats: ProcStat[] = allStats()): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  for (const s of stats) byParent.set(s.ppid, [...(byParent.get(s.ppid) ?? []), s]);
  const root = stats.find((s) => s.pid === pid);
  if (!root) return [];
  const out: ProcStat[] = [];
  const queue = [root];
  while (queue.length) {
    const s = queue.shift()!;
    out.push(s);
    queue.push(...(byParent.get(s.pid) ?? []));
  }
  return out;
}

/** Descendants of `ancestor` whose command is `comm` and whose parent is not: the roots of such process trees. */
export function findDescendantRoots(ancestor: number, comm: string): number[] {
  const stats = allStats();
  const tree = processTree(ancestor, stats);
  const byPid = new Map(tree.map((s) => [s.pid, s]));
  return tree.filter((s) => s.comm === comm && byPid.get(s.ppid)?.comm !== comm).map((s) => s.pid);
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function pssKb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : statusKb(pid, 'VmRSS');
  } catch {
    return 0;
  }
}

export interface ProcessSample {
  /** Resident memory now, MB: RSS of one process, the PSS sum of a tree. */
  memMb: number;
  /** CPU seconds used so far by the tree (the live processes only). */
  cpuSeconds: number;
}

export function sampleProcess(pid: number, tree: boolean): ProcessSample {
  if (!tree) {
    const s = readStat(pid);
    return { memMb: statusKb(pid, 'VmRSS') / 1024, cpuSeconds: s?.cpuSeconds ?? 0 };
  }
  const procs = processTree(pid);
  return {
    memMb: procs.reduce((a, p) => a + pssKb(p.pid), 0) / 1024,
    cpuSeconds: procs.reduce((a, p) => a + p.cpuSeconds, 0),
  };
}

/** The kernel's own peak RSS of one process (VmHWM), MB. */
export function peakRssMb(pid: number): number {
  return statusKb(pid, 'VmHWM') / 1024;
}

export interface Watched {
  name: string;
  pid: number;
  /** Measure the process with its descendants (PostgreSQL). */
  tree: boolean;
}

/** Samples the processes every `intervalMs` and keeps the peak memory of each. */
export class MemorySampler {
  private readonly peaks = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly watched: Watched[]) {}

  start(intervalMs = 500): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  sample(): Record<string, number> {
    const now: Record<string, number> = {};
    for (const w of this.watched) {
      const mb = sampleProcess(w.pid, w.tree).memMb;
      now[w.name] = mb;
      // One process: the kernel's own high-water mark catches peaks between samples.
      const peak = w.tree ? mb : Math.max(mb, peakRssMb(w.pid));
      this.peaks.set(w.name, Math.max(this.peaks.get(w.name) ?? 0, peak));
    }
    return now;
  }

  stop(): Record<string, number> {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return Object.fromEntries([...this.peaks].map(([k, v]) => [k, Math.round(v)]));
  }
}

/** CPU seconds of each watched process (tree) now; subtract two readings for a phase. */
export function cpuReading(watched: Watched[]): Record<string, number> {
  return Object.fromEntries(watched.map((w) => [w.name, sampleProcess(w.pid, w.tree).cpuSeconds]));
}

export function cpuDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, Math.round((after[k] - (before[k] ?? 0)) * 100) / 100]));
}
