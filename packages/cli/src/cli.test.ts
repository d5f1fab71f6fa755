import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SCHEDULER_TYPES } from 'lrkit';
import { SCHEDULE_DEFINITIONS } from 'lrkit';
import { runTrace } from 'lrkit';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lrkit-cli-'));
const run = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', main, ...args], { env: { ...process.env, FORCE_COLOR: '0' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};
const spec = (scheduler: object, steps = 100, optimizer: object = { type: 'sgd', lr: 0.1, momentum: 0.9 }) => JSON.stringify({ optimizer, scheduler, steps });
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('lrkit CLI', () => {
  it('lists every command, and every command has --help', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    for (const c of ['trace', 'plot', 'compare', 'code', 'recipes', 'recommend']) expect(help.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    const each = await Promise.all(['plot', 'compare', 'code', 'recipes', 'recommend'].map((c) => run(c, '--help')));
    each.forEach((r) => {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: lrkit');
    });
  });

  it('plot writes SVG and PNG, and --json gives the sampled curves', async () => {
    const step = file('step.json', spec({ type: 'StepLR', stepSize: 30 }));
    const svg = join(dir, 'out.svg');
    const r = await run('plot', step, '-o', svg, '--json', '--title', 'my chart');
    expect(r.code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toContain('my chart');
    const json = JSON.parse(r.stdout) as { curves: Array<{ name: string; lr: Array<{ stats: { min: number }; points: number[][] }> }> };
    expect(json.curves[0]!.name).toBe('step');
    expect(json.curves[0]!.lr[0]!.points).toHaveLength(101);
    expect(json.curves[0]!.lr[0]!.stats.min).toBeCloseTo(1e-4, 15);
    const png = join(dir, 'out.png');
    expect((await run('plot', step, '-o', png)).code).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });

  it('plot --term draws a text chart; compare prints a table', async () => {
    const term = await run('plot', spec({ type: 'StepLR', stepSize: 30 }), '--term', '--width', '40', '--height', '5');
    expect(term.code).toBe(0);
    expect(term.stdout).toContain('learning rate   (steps 0..100)');
    const cmp = await run('compare', spec({ type: 'StepLR', stepSize: 30 }), spec({ type: 'CosineAnnealingLR', tMax: 100 }), '--json', '-o', join(dir, 'cmp.svg'));
    expect(cmp.code).toBe(0);
    const { table } = JSON.parse(cmp.stdout) as { table: Array<{ curve: string; final: number; meanRatio: number }> };
    expect(table.map((t) => t.curve)).toEqual(['StepLR', 'CosineAnnealingLR']);
    expect(table[0]!.meanRatio).toBe(1);
    expect(table[1]!.final).toBe(runTrace(JSON.parse(spec({ type: 'CosineAnnealingLR', tMax: 100 }))).lr[100]![0]);
  });

  it('fails with path-precise messages and non-zero exit codes', async () => {
    const bad = file('runs.json', `[${spec({ type: 'StepLR', stepSize: 3 })}, ${spec({ type: 'SequentialLR', schedulers: [{ type: 'StepLR', stepSize: 2 }, { type: 'ExponentialLR', gamma: '0.9x' }], milestones: [2] })}]`);
    const r = await run('plot', bad, '-o', join(dir, 'x.svg'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`lrkit: ${bad}[1]: scheduler.schedulers[1].gamma: expected a number in (0, inf), got "0.9x"\n`);
    const [missing, ext, one, noTask, badType, noArg] = await Promise.all([
      run('plot', join(dir, 'nope.json')),
      run('plot', spec({ type: 'StepLR', stepSize: 3 }), '-o', join(dir, 'x.gif')),
      run('compare', spec({ type: 'StepLR', stepSize: 3 })),
      run('recommend'),
      run('recipes', 'Nope'),
      run('plot'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.json: cannot read (ENOENT)');
    expect(ext.stderr).toContain('--output: expected a file ending in .svg, .png or .json');
    expect(one.stderr).toContain('compare: expected at least two specs, got 1');
    expect(noTask.code).toBe(1);
    expect(badType.stderr).toContain('type: expected one of StepLR');
    expect(noArg.code).not.toBe(0); // commander: missing argument
  });

  it('recipes lists every scheduler from the catalog; recommend prints a spec that runs', async () => {
    const recipes = await run('recipes', '--json');
    const listed = (JSON.parse(recipes.stdout) as Array<{ type: string }>).map((e) => e.type);
    expect(listed.sort()).toEqual([...SCHEDULER_TYPES, ...Object.keys(SCHEDULE_DEFINITIONS)].sort());
    const table = (await run('recipes')).stdout;
    for (const type of ['StepLR', 'WarmupLR', 'cosine', 'warmup', 'hf.cosine', 'timm.cosine', 'keras.cosineDecay', 'optax.sgdr', 'goyal']) expect(table).toMatch(new RegExp(`^${type.replace('.', '\\.')}\\s`, 'm'));
    expect(table).toContain('numCycles=0.5');
    expect((await run('recipes', 'OneCycleLR')).stdout).toMatch(/pctStart\s+pct_start\s+number\s+0\.3/);
    expect((await run('recipes', 'hf.cosine')).stdout).toMatch(/numCycles\s+-\s+number\s+0\.5\s+a number in \(0, inf\)/);
    const r = await run('recommend', '--task', 'detection', '--epochs', '36', '--json');
    const rec = JSON.parse(r.stdout) as { spec: unknown; reasons: string[] };
    expect(rec.spec).toMatchObject({ scheduler: { type: 'MultiStepLR', milestones: [24, 32] }, steps: 36 });
    expect(runTrace(rec.spec).lr).toHaveLength(37);
  });

  it('recommend -i reads piped answers', async () => {
    const child = execFile(process.execPath, ['--import', 'tsx', main, 'recommend', '-i', '--json']);
    child.stdin!.end('gan\n\ny\n40\n\n\n\n\n');
    let stdout = '';
    child.stdout!.on('data', (d) => (stdout += String(d)));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { spec: { scheduler: unknown; steps: number } }).spec).toMatchObject({ scheduler: { type: 'ExponentialLR', gamma: 0.9 }, steps: 40 });
  });

  it('code prints a program (from toCode) whose rows, or trace JSON, match lrkit trace', async () => {
    const s = spec({ type: 'OneCycleLR', maxLr: 0.1, totalSteps: 20 }, 20);
    const rows = await run('code', s, '--lang', 'ts');
    expect(rows.code).toBe(0);
    expect(rows.stdout).toContain('new OneCycleLR(optimizer, { maxLr: 0.1, totalSteps: 20 })');
    expect(rows.stdout).toContain('console.log(i, lrs());');
    const py = await run('code', s, '--lang', 'pytorch', '--print', 'trace');
    expect(py.stdout).toContain('scheduler = lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=20)');
    expect(py.stdout).toContain("print(json.dumps({'lr': lr, 'momentum': momentum}))");
    const recipe = await run('code', spec({ type: 'hf.cosine', lr: 0.1, numWarmupSteps: 2, numTrainingSteps: 20 }, 20), '--lang', 'pytorch');
    expect(recipe.code).toBe(1);
    expect(recipe.stderr).toContain('scheduler.type: expected a PyTorch scheduler');
    expect(runTrace(JSON.parse(s)).lr).toHaveLength(21);
  });
});
