import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The throughput chart of the README: completed cases/s and p99 decision latency against offered load, aidflow and
 * the limit. Drawn as SVG by hand (no dependency) and rasterized to PNG by a headless Chromium when one is installed.
 */
export interface Series {
  name: string;
  color: string;
  points: Array<{ x: number; y: number | null }>;
}

const W = 900;
const H = 360;
const M = { left: 70, right: 20, top: 40, bottom: 50 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function panel(
  title: string,
  xLabel: string,
  yLabel: string,
  series: Series[],
  offsetY: number,
  diagonal: boolean,
): string {
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y ?? 0));
  const xMax = niceMax(Math.max(...xs, 1));
  const yMax = niceMax(Math.max(...ys, diagonal ? Math.max(...xs, 1) : 1));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = (x: number): number => M.left + (x / xMax) * pw;
  const sy = (y: number): number => offsetY + M.top + ph - (y / yMax) * ph;
  const out: string[] = [];
  out.push(`<text x="${M.left}" y="${offsetY + 24}" font-size="16" font-weight="bold">${title}</text>`);
  for (let i = 0; i <= 5; i++) {
    const yv = (yMax / 5) * i;
    const xv = (xMax / 5) * i;
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${sy(yv)}" y2="${sy(yv)}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 8}" y="${sy(yv) + 4}" font-size="12" text-anchor="end">${+yv.toFixed(1)}</text>`);
    out.push(
      `<text x="${sx(xv)}" y="${offsetY + H - M.bottom + 18}" font-size="12" text-anchor="middle">${+xv.toFixed(1)}</text>`,
    );
  }
  out.push(`<text x="${M.left + pw / 2}" y="${offsetY + H - 10}" font-size="13" text-anchor="middle">${xLabel}</text>`);
  out.push(
    `<text x="16" y="${offsetY + M.top + ph / 2}" font-size="13" text-anchor="middle" transform="rotate(-90 16 ${offsetY + M.top + ph / 2})">${yLabel}</text>`,
  );
  if (diagonal) {
    const d = Math.min(xMax, yMax);
    out.push(`<line x1="${sx(0)}" y1="${sy(0)}" x2="${sx(d)}" y2="${sy(d)}" stroke="#aaa" stroke-dasharray="4 4"/>`);
  }
  series.forEach((s, i) => {
    const pts = s.points.filter((p) => p.y !== null);
    const path = pts.map((p, j) => `${j === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y!).toFixed(1)}`).join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2.5"/>`);
    for (const p of pts) out.push(`<circle cx="${sx(p.x)}" cy="${sy(p.y!)}" r="3.5" fill="${s.color}"/>`);
    out.push(`<rect x="${W - 230}" y="${offsetY + 14 + i * 18}" width="14" height="4" fill="${s.color}"/>`);
    out.push(`<text x="${W - 210}" y="${offsetY + 20 + i * 18}" font-size="12">${s.name}</text>`);
  });
  return out.join('\n');
}

export function throughputSvg(throughput: Series[], p99: Series[], subtitle: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${2 * H + 30}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    panel(
      'Completed 3-level cases/s against offered load',
      'offered load (cases/s)',
      'completed cases/s',
      throughput,
      0,
      true,
    ),
    panel(
      'p99 decision latency against offered load',
      'offered load (cases/s)',
      'p99 decision latency (ms)',
      p99,
      H,
      false,
    ),
    `<text x="${M.left}" y="${2 * H + 20}" font-size="11" fill="#555">${subtitle}</text>`,
    '</svg>',
  ].join('\n');
}

/** Writes `<base>.svg` and, when a Chromium is installed, `<base>.png`; returns the PNG path or null. */
export function writeChart(svg: string, base: string): string | null {
  mkdirSync(dirname(base), { recursive: true });
  writeFileSync(`${base}.svg`, svg);
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
  if (!chromium) return null;
  const res = spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--hide-scrollbars',
      `--window-size=${W},${2 * H + 30}`,
      `--screenshot=${base}.png`,
      `file://${base}.svg`,
    ],
    { stdio: 'ignore', timeout: 60_000 },
  );
  return res.status === 0 && existsSync(`${base}.png`) ? `${base}.png` : null;
}
