import { formatDuration, formatRate, Progress, progressFigures, renderBar, renderLine } from './progress';

describe('progress rendering', () => {
  it('draws an empty bar with an unknown ETA at 0 %', () => {
    expect(renderBar('replay', { done: 0, total: 200, elapsedMs: 0 }, 10)).toBe(
      'replay [----------]   0%  0/200  0.00/s  ETA --',
    );
  });

  it('draws a half bar with the rate and the time left at 50 %', () => {
    // 100 in 4 s: 25/s, 100 left -> 4 s.
    expect(renderBar('replay', { done: 100, total: 200, elapsedMs: 4000 }, 10)).toBe(
      'replay [#####-----]  50%  100/200  25.0/s  ETA 4s',
    );
    expect(renderLine('replay', { done: 100, total: 200, elapsedMs: 4000 })).toBe(
      'replay: 100/200 (50%)  25.0/s  ETA 4s',
    );
  });

  it('draws a full bar with the time taken at 100 %', () => {
    expect(renderBar('verify', { done: 200, total: 200, elapsedMs: 125_000 }, 10)).toBe(
      'verify [##########] 100%  200/200  1.60/s  took 2m05s',
    );
    expect(renderLine('verify', { done: 200, total: 200, elapsedMs: 125_000 })).toBe(
      'verify: 200/200 (100%)  1.60/s  took 2m05s',
    );
  });

  it('shows 99 % rather than 100 % while one item is left, and a run with nothing to do as complete', () => {
    expect(progressFigures({ done: 999, total: 1000, elapsedMs: 1000 })).toMatchObject({
      percent: 99,
      complete: false,
    });
    expect(progressFigures({ done: 0, total: 0, elapsedMs: 0 })).toMatchObject({
      percent: 100,
      complete: true,
      etaMs: 0,
    });
  });

  it('formats durations as seconds, minutes and seconds, or hours and minutes', () => {
    expect(formatDuration(null)).toBe('--');
    expect(formatDuration(Infinity)).toBe('--');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(44_600)).toBe('45s');
    expect(formatDuration(60_000)).toBe('1m00s');
    expect(formatDuration(3_599_000)).toBe('59m59s');
    expect(formatDuration(3_720_000)).toBe('1h02m');
    expect(formatDuration(26 * 3_600_000)).toBe('26h00m');
  });

  it('estimates the time left from the rate so far', () => {
    // 30 of 120 in 60 s: 0.5/s, 90 left -> 3 minutes.
    const figures = progressFigures({ done: 30, total: 120, elapsedMs: 60_000 });
    expect(figures.etaMs).toBe(180_000);
    expect(formatDuration(figures.etaMs)).toBe('3m00s');
    expect(formatRate(figures.perSecond)).toBe('0.50/s');
    expect(formatRate(1234.4)).toBe('1234/s');
  });
});

describe('Progress', () => {
  function harness(options: { tty: boolean; everyItems?: number; everyMs?: number; columns?: number }) {
    let clock = 1_000_000;
    const written: string[] = [];
    const progress = new Progress({
      label: 'replay',
      write: (text) => written.push(text),
      now: () => clock,
      ...options,
    });
    return {
      progress,
      written,
      advance: (ms: number) => {
        clock += ms;
      },
    };
  }

  it('in line mode, prints after N more items or after the interval, whichever comes first, and at the end', () => {
    const { progress, written, advance } = harness({ tty: false, everyItems: 10, everyMs: 2000 });
    for (let done = 1; done <= 9; done++) {
      advance(100);
      progress.update(done, 25);
    }
    expect(written).toEqual([]); // 9 items in 0.9 s: neither threshold reached

    advance(100);
    progress.update(10, 25); // 10 items since the start
    expect(written).toEqual(['replay: 10/25 (40%)  10.0/s  ETA 2s\n']);

    advance(1900);
    progress.update(11, 25); // 1 item, 1.9 s since the last line: still quiet
    expect(written).toHaveLength(1);
    advance(100);
    progress.update(12, 25); // 2 s since the last line
    expect(written[1]).toBe('replay: 12/25 (48%)  4.00/s  ETA 3s\n');

    advance(500);
    progress.update(25, 25); // the end is always printed
    expect(written[2]).toBe('replay: 25/25 (100%)  7.14/s  took 4s\n');
    progress.finish(); // already printed: nothing more
    expect(written).toHaveLength(3);
  });

  it('in line mode, finish() prints the last state once when the thresholds held it back', () => {
    const { progress, written, advance } = harness({ tty: false, everyItems: 100, everyMs: 2000 });
    advance(500);
    progress.update(3, 400); // a verify that stopped at a broken link
    expect(written).toEqual([]);
    progress.finish();
    progress.finish();
    expect(written).toEqual(['replay: 3/400 (0%)  6.00/s  ETA 1m06s\n']);
  });

  it('prints nothing at all for a run that never reported progress', () => {
    const { progress, written } = harness({ tty: false });
    progress.finish();
    expect(written).toEqual([]);
  });

  it('on a terminal, redraws one line in place, throttled, and ends it on finish', () => {
    const { progress, written, advance } = harness({ tty: true, columns: 80 });
    progress.update(0, 4); // the first update is drawn at once
    advance(50);
    progress.update(1, 4); // within 100 ms of the last draw
    advance(100);
    progress.update(2, 4);
    advance(100);
    progress.update(4, 4);
    progress.finish();
    expect(written).toHaveLength(4);
    expect(written.slice(0, 3).every((w) => w.startsWith('\rreplay [') && w.endsWith('\x1b[K'))).toBe(true);
    expect(written[1]).toContain(' 50%  2/4');
    expect(written[2]).toContain('100%  4/4');
    expect(written[3]).toBe('\n');
    // The line fits the terminal.
    expect(written[2].replace('\r', '').replace('\x1b[K', '').length).toBeLessThan(80);
  });

  it('keeps a usable bar when the terminal reports no width', () => {
    const { progress, written } = harness({ tty: true, columns: 0 });
    progress.update(1, 2);
    expect(written[0]).toMatch(/^\rreplay \[#{5,20}-{5,20}\] {2}50%/);
  });
});
