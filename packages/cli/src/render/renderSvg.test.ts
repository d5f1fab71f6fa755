import { describe, expect, it } from 'vitest';
import { chartSpec, fromTraceSpec, sampleCurves } from 'lrkit/plot';
import { svgToPng } from './renderPng.js';
import { renderSvg } from './renderSvg.js';

const oneCycle = fromTraceSpec(
  { optimizer: { lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.01 }] }, scheduler: { type: 'OneCycleLR', maxLr: [0.1, 0.01], totalSteps: 100 }, steps: 100 },
  { name: 'one' },
);
const step = fromTraceSpec({ optimizer: { lr: 0.1, momentum: 0.9 }, scheduler: { type: 'StepLR', stepSize: 30 }, steps: 100 }, { name: 'step' });


describe('renderSvg / svgToPng', () => {
  it('renders to SVG headlessly and to PNG', async () => {
    const svg = await renderSvg(chartSpec(sampleCurves([oneCycle, step]), { title: 'hello chart' }));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('hello chart');
    expect(svg).toContain('one · group 1');
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(5);
    const png = await svgToPng(svg, { scale: 1 });
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
    expect(width).toBeGreaterThan(600);
  });
});
