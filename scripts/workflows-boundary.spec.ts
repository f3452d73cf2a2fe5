import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The workflows' own folder (this spec lives outside it: workflow code imports no Node modules). */
const WORKFLOWS = join(__dirname, '..', 'workflows');

/** Every .ts file under workflows/, specs included. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the workflows own their contract', () => {
  it('imports nothing from libs/ or apps/ (types included): libs implement the contract, not the other way', () => {
    const files = sources(WORKFLOWS);
    expect(files.length).toBeGreaterThan(20);
    const offending = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)]
        .map((m) => m[1])
        .filter((spec) => /(^|\/)(libs|apps)\//.test(spec) || (/^@aidflow\//.test(spec) && spec !== '@aidflow/policy'))
        .map((spec) => `${relative(WORKFLOWS, file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
