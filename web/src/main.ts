import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { LrkitError } from '../../src/errors.js';
import { JSON_KINDS, SCHEDULER_CATALOG, schedulerInfo, type Family, type OptionInfo } from '../../src/spec/catalog.js';
import { chartSpec } from '../../src/plot/chartSpec.js';
import type { CurveSource } from '../../src/plot/CurveSource.js';
import { fromTraceSpec } from '../../src/plot/fromTraceSpec.js';
import { sampleCurves } from '../../src/plot/sampleCurves.js';
import { toCode } from '../../src/codegen/toCode.js';
import { cardSpec, formOptions, mayTakeMetric, takesMetric } from './specs.js';
import { decodeState, defaultCard, defaultState, encodeState, type PlaygroundState } from './state.js';
import { $, el } from './dom.js';

const decoded = decodeState(location.hash);
const state: PlaygroundState = decoded.state ?? defaultState();
let view: vega.View | null = null;
let renders = 0;

const shown = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : typeof v === 'string' ? v : JSON.stringify(v));

function optionInput(o: OptionInfo, value: string): HTMLElement {
  const common = { name: o.name, 'data-option': o.name, title: `${o.doc} Expects ${o.expects}.` };
  if (o.kind === 'enum' || o.kind === 'boolean') {
    const values = o.kind === 'boolean' ? ['true', 'false'] : [...(o.values ?? [])];
    const select = el('select', common, [el('option', { value: '' }, [o.required ? 'choose' : `default${o.default === undefined ? '' : ` (${shown(o.default)})`}`]), ...values.map((v) => el('option', { value: v }, [v]))]);
    select.value = value;
    return select;
  }
  if (JSON_KINDS.has(o.kind)) {
    // Nested specs (schedules, schedulers) and structured values: JSON text, validated by the library.
    const area = el('textarea', { ...common, rows: '4', spellcheck: 'false', placeholder: o.required ? `required: ${o.expects} (JSON)` : `JSON${o.default === undefined ? '' : `, default ${shown(o.default)}`}` });
    area.value = value;
    return area;
  }
  const placeholder = o.required ? 'required' : o.default === undefined ? '' : `default ${shown(o.default)}`;
  const input = el('input', { ...common, type: 'text', placeholder, spellcheck: 'false', autocomplete: 'off' });
  input.value = value;
  return input;
}

const FAMILY_LABELS: Record<Family, string> = {
  pytorch: 'PyTorch schedulers',
  bridge: 'lrkit bridges',
  recipe: 'Recipes (HF, timm, Keras, Optax, Goyal)',
  schedule: 'Schedules',
  combinator: 'Combinators',
};

function typeSelect(selected: string, attrs: Record<string, string>): HTMLSelectElement {
  const groups = (Object.keys(FAMILY_LABELS) as Family[]).map((family) =>
    el('optgroup', { label: FAMILY_LABELS[family] }, SCHEDULER_CATALOG.filter((s) => s.family === family).map((s) => el('option', { value: s.type }, [s.type]))),
  );
  const select = el('select', attrs, groups);
  select.value = selected;
  return select;
}

function buildCards(): void {
  const container = $('#cards');
  container.replaceChildren(
    ...state.cards.map((card, index) => {
      const info = schedulerInfo(card.type)!;
      const fields = formOptions(card.type).map((o) =>
        el('label', { class: 'field' }, [el('span', {}, [o.name, o.required ? ' *' : '']), optionInput(o, card.options[o.name] ?? '')]),
      );
      if (mayTakeMetric(card.type)) {
        const metric = el('input', { name: 'metric', 'data-option': 'metric', type: 'text', title: 'Synthetic validation metric per step: a safe expression in step' });
        metric.value = card.metric ?? '';
        // Shown while the card's scheduler is stepped on a metric (render() keeps it up to date).
        const label = el('label', { class: 'field metric-field' }, [el('span', {}, ['metric(step)']), metric]);
        label.hidden = !takesMetric(card);
        fields.push(label);
      }
      return el('section', { class: 'card', 'data-index': String(index) }, [
        el('header', {}, [
          typeSelect(card.type, { class: 'type', 'aria-label': 'scheduler type' }),
          el('button', { class: 'remove', type: 'button', title: 'remove' }, ['×']),
        ]),
        el('p', { class: 'summary' }, [info.summary]),
        el('div', { class: 'fields' }, fields),
        el('p', { class: 'error', role: 'alert' }),
        el('div', { class: 'exports' }, [
          el('button', { type: 'button', 'data-export': 'spec' }, ['Spec JSON']),
          el('button', { type: 'button', 'data-export': 'ts' }, ['TypeScript']),
          el('button', { type: 'button', 'data-export': 'pytorch' }, ['PyTorch']),
        ]),
      ]);
    }),
  );
}

function readForm(): void {
  state.steps = $<HTMLInputElement>('#steps').value;
  state.optimizer = {
    type: $<HTMLSelectElement>('#opt-type').value === 'adam' ? 'adam' : 'sgd',
    lr: $<HTMLInputElement>('#opt-lr').value,
    momentum: $<HTMLInputElement>('#opt-momentum').value,
    groupLrs: $<HTMLInputElement>('#opt-groups').value,
  };
  state.log = $<HTMLInputElement>('#log').checked;
  document.querySelectorAll<HTMLElement>('.card').forEach((cardEl, i) => {
    const card = state.cards[i];
    if (!card) return;
    cardEl.querySelectorAll<HTMLInputElement>('[data-option]').forEach((input) => {
      if (input.name === 'metric') card.metric = input.value;
      else card.options[input.name] = input.value;
    });
  });
}

function writeForm(): void {
  $<HTMLInputElement>('#steps').value = state.steps;
  $<HTMLSelectElement>('#opt-type').value = state.optimizer.type;
  $<HTMLInputElement>('#opt-lr').value = state.optimizer.lr;
  $<HTMLInputElement>('#opt-momentum').value = state.optimizer.momentum;
  $<HTMLInputElement>('#opt-groups').value = state.optimizer.groupLrs;
  $<HTMLInputElement>('#log').checked = state.log;
  buildCards();
}

/** Marks the input an error path points at (`scheduler.gamma`, `optimizer.lr`, `steps`, `metric`). */
function markInvalid(cardEl: HTMLElement, message: string): void {
  const path = message.split(':')[0] ?? '';
  const scheduler = /^scheduler\.([A-Za-z0-9]+)/.exec(path);
  if (scheduler) cardEl.querySelector(`[data-option="${scheduler[1]}"]`)?.classList.add('invalid');
  if (path.startsWith('metric')) cardEl.querySelector('[data-option="metric"]')?.classList.add('invalid');
  if (path === 'steps') $('#steps').classList.add('invalid');
  if (path.startsWith('optimizer.lr') || path.startsWith('optimizer.groups')) $(path.startsWith('optimizer.lr') ? '#opt-lr' : '#opt-groups').classList.add('invalid');
  if (path.startsWith('optimizer.momentum')) $('#opt-momentum').classList.add('invalid');
}

async function render(): Promise<void> {
  document.querySelectorAll('.invalid').forEach((n) => n.classList.remove('invalid'));
  const sources: CurveSource[] = [];
  const cardEls = Array.from(document.querySelectorAll<HTMLElement>('.card'));
  state.cards.forEach((card, i) => {
    const cardEl = cardEls[i]!;
    const errorEl = $('.error', cardEl);
    const metricField = cardEl.querySelector<HTMLElement>('.metric-field');
    if (metricField) metricField.hidden = !takesMetric(card);
    try {
      sources.push(fromTraceSpec(cardSpec(state, card), { name: `${i + 1}. ${card.type}` }));
      errorEl.textContent = '';
      cardEl.classList.remove('has-error');
    } catch (error) {
      if (!(error instanceof LrkitError)) throw error;
      errorEl.textContent = error.message;
      cardEl.classList.add('has-error');
      markInvalid(cardEl, error.message);
    }
  });
  const chart = $('#chart');
  view?.finalize();
  view = null;
  if (sources.length === 0) {
    chart.replaceChildren(el('p', { class: 'empty' }, [state.cards.length === 0 ? 'Add a scheduler to see its curve.' : 'Fix the errors above to see the curves.']));
    chart.dataset.renders = String(++renders);
    return;
  }
  const width = Math.max(320, Math.min(820, chart.clientWidth - 220));
  const spec = chartSpec(sampleCurves(sources, { columns: width }), { log: state.log, width, height: 280 });
  const runtime = vega.parse(compile(spec as unknown as TopLevelSpec).spec);
  chart.replaceChildren();
  view = new vega.View(runtime, { renderer: 'svg', container: chart, hover: true, tooltip: showTooltip });
  await view.runAsync();
  chart.dataset.renders = String(++renders);
}

function showTooltip(_handler: unknown, event: MouseEvent, _item: unknown, value: unknown): void {
  const tip = $('#tooltip');
  if (value === null || value === undefined || typeof value !== 'object') {
    tip.hidden = true;
    return;
  }
  tip.replaceChildren(...Object.entries(value as Record<string, unknown>).map(([k, v]) => el('div', {}, [el('b', {}, [`${k}: `]), String(v)])));
  tip.style.left = `${event.pageX + 12}px`;
  tip.style.top = `${event.pageY + 12}px`;
  tip.hidden = false;
}

function saveUrl(): void {
  history.replaceState(null, '', encodeState(state));
}

let timer: ReturnType<typeof setTimeout> | undefined;
function changed(): void {
  readForm();
  saveUrl();
  clearTimeout(timer);
  timer = setTimeout(() => void render(), 120);
}

function exportCard(index: number, kind: string): void {
  const card = state.cards[index];
  const out = $<HTMLTextAreaElement>('#export');
  if (!card) return;
  try {
    const spec = cardSpec(state, card);
    out.value = kind === 'spec' ? JSON.stringify(spec, null, 2) : toCode(spec, kind === 'ts' ? 'ts' : 'pytorch', { print: 'rows' });
    out.dataset.kind = kind;
  } catch (error) {
    out.value = `// cannot export: ${(error as Error).message}`;
  }
}

function main(): void {
  $('#add-type').replaceWith(typeSelect('CosineAnnealingLR', { id: 'add-type', 'aria-label': 'scheduler to add' }));
  if (decoded.error) $('#global-error').textContent = decoded.error;
  writeForm();
  document.addEventListener('input', (event) => {
    const target = event.target as HTMLElement;
    if (target.classList.contains('type')) return;
    if (target.closest('#controls, #cards')) changed();
  });
  document.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    if (target.classList.contains('type')) {
      const index = Number(target.closest<HTMLElement>('.card')?.dataset.index);
      readForm();
      state.cards[index] = defaultCard((target as HTMLSelectElement).value);
      buildCards();
      saveUrl();
      void render();
    } else if (target.closest('#controls, #cards')) changed();
  });
  document.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    const cardEl = target.closest<HTMLElement>('.card');
    if (target.classList.contains('remove') && cardEl) {
      readForm();
      state.cards.splice(Number(cardEl.dataset.index), 1);
      buildCards();
      saveUrl();
      void render();
    } else if (target.dataset.export && cardEl) {
      readForm();
      exportCard(Number(cardEl.dataset.index), target.dataset.export);
    } else if (target.id === 'add') {
      readForm();
      state.cards.push(defaultCard($<HTMLSelectElement>('#add-type').value));
      buildCards();
      saveUrl();
      void render();
    } else if (target.id === 'share') {
      readForm();
      saveUrl();
      void navigator.clipboard?.writeText(location.href).catch(() => undefined);
      $('#share-status').textContent = 'Link updated in the address bar (and copied if allowed).';
    }
  });
  window.addEventListener('resize', () => void render());
  saveUrl();
  void render();
}

main();
