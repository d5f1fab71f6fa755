import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { LrkitError } from '../../../src/errors.js';
import type { FindLrResult } from '../../../src/finder/findLr.js';
import { finderChartSpec } from '../../../src/finder/plotFinder.js';
import { JSON_KINDS, type OptionInfo } from '../../../src/spec/catalog.js';
import { $, el } from '../dom.js';
import { formOptions } from '../specs.js';
import { encodeState } from '../state.js';
import { LiveCharts, type RunRecord } from './charts.js';
import { cardScheduler, fitLengths, MAX_RUNS, runLength, trainConfig, type RunSpec, type TrainConfig, type TrainSettings } from './plan.js';
import type { FromWorker, Speed, ToWorker } from './protocol.js';
import type { RunSummary } from './trainer.js';
import { decodeTrainPage, encodeTrainPage } from './trainState.js';

const decoded = decodeTrainPage(location.hash);
const { playground, train: settings } = decoded.state;
const cards = playground.cards;

/** The run length the cards' length options were last fitted to. */
let fittedLength: number | null = null;
function lengthOf(s: TrainSettings): number | null {
  try {
    return runLength(trainConfig(s));
  } catch {
    return null;
  }
}
// Cards drawn over the playground's `steps` are stretched to the training run when they arrive.
if (decoded.fromPlayground || !location.hash.includes('&t=')) {
  const length = lengthOf(settings);
  const from = Number(playground.steps);
  if (length !== null && Number.isInteger(from)) cards.forEach((card) => fitLengths(card, from, length));
  fittedLength = length;
} else {
  fittedLength = lengthOf(settings);
}

// ---------- form ----------

const FIELDS: Array<[keyof TrainSettings, string]> = [
  ['hidden', '#hidden'],
  ['trainDigits', '#train-digits'],
  ['batchSize', '#batch-size'],
  ['epochs', '#epochs'],
  ['seed', '#seed'],
  ['lr', '#lr'],
  ['momentum', '#momentum'],
];

function optionInput(o: OptionInfo, value: string): HTMLElement {
  const common = { name: o.name, 'data-option': o.name, title: `${o.doc} Expects ${o.expects}.` };
  if (o.kind === 'enum' || o.kind === 'boolean') {
    const values = o.kind === 'boolean' ? ['true', 'false'] : [...(o.values ?? [])];
    const select = el('select', common, [el('option', { value: '' }, ['default']), ...values.map((v) => el('option', { value: v }, [v]))]);
    select.value = value;
    return select;
  }
  if (JSON_KINDS.has(o.kind)) {
    const area = el('textarea', { ...common, rows: '3', spellcheck: 'false' });
    area.value = value;
    return area;
  }
  const input = el('input', { ...common, type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: o.required ? 'required' : 'default' });
  input.value = value;
  return input;
}

function buildCards(): void {
  $('#train-cards').replaceChildren(
    el('p', { class: 'note' }, [`Pick up to ${MAX_RUNS} of the playground's schedules:`]),
    ...cards.map((card, index) => {
      const picked = settings.picked.includes(index);
      const check = el('input', { type: 'checkbox', class: 'pick', 'data-index': String(index), 'aria-label': `train ${card.type}` });
      check.checked = picked;
      const fields = formOptions(card.type).map((o) => el('label', { class: 'field' }, [el('span', {}, [o.name]), optionInput(o, card.options[o.name] ?? '')]));
      return el('section', { class: 'train-card', 'data-index': String(index) }, [
        el('header', {}, [el('label', {}, [check, ` ${index + 1}. ${card.type}`])]),
        el('div', { class: 'fields', ...(picked ? {} : { hidden: '' }) }, fields),
        el('p', { class: 'error', role: 'alert' }),
      ]);
    }),
  );
  updatePickLimit();
}

function updatePickLimit(): void {
  const full = settings.picked.length >= MAX_RUNS;
  document.querySelectorAll<HTMLInputElement>('.pick').forEach((box) => (box.disabled = full && !box.checked));
}

function writeForm(): void {
  for (const [key, selector] of FIELDS) $<HTMLInputElement>(selector).value = settings[key] as string;
  $<HTMLSelectElement>('#optimizer').value = settings.optimizer;
  $<HTMLSelectElement>('#backend').value = settings.backend;
  buildCards();
}

function readForm(): void {
  for (const [key, selector] of FIELDS) (settings as unknown as Record<string, string>)[key] = $<HTMLInputElement>(selector).value;
  settings.optimizer = $<HTMLSelectElement>('#optimizer').value as TrainSettings['optimizer'];
  settings.backend = $<HTMLSelectElement>('#backend').value as TrainSettings['backend'];
  document.querySelectorAll<HTMLElement>('.train-card').forEach((cardEl) => {
    const card = cards[Number(cardEl.dataset.index)];
    if (!card) return;
    cardEl.querySelectorAll<HTMLInputElement>('[data-option]').forEach((input) => (card.options[input.name] = input.value));
  });
}

function saveUrl(): void {
  history.replaceState(null, '', encodeTrainPage({ playground, train: settings }));
  $<HTMLAnchorElement>('#draw-link').href = `./index.html${encodeState(playground)}`;
}

function showRunLength(): void {
  const length = lengthOf(settings);
  $('#run-length').textContent = length === null ? '' : `This run: ${length} optimizer steps per schedule. Every schedule is stepped after each batch (metric-driven ones after each validation pass, with the validation loss).`;
}

// Changing the run's length re-fits the options that were fitted to the old one.
function refit(): void {
  const length = lengthOf(settings);
  if (length === null || fittedLength === null || length === fittedLength) {
    if (length !== null) fittedLength ??= length;
    return;
  }
  cards.forEach((card) => fitLengths(card, fittedLength as number, length));
  fittedLength = length;
  buildCards();
}

// ---------- worker ----------

let worker: Worker | null = null;
let records: RunRecord[] = [];
/** Id of the training the page shows; messages of an earlier one are ignored. */
let trainingId = 0;
let total = 0;
let phase: 'loading' | 'ready' | 'training' | 'stopped' | 'done' | 'range' | 'error' = 'loading';
const charts = new LiveCharts({ lr: $('#chart-lr'), loss: $('#chart-loss'), accuracy: $('#chart-accuracy') }, 640);

function setPhase(next: typeof phase, text: string): void {
  phase = next;
  const status = $('#status');
  status.dataset.state = next;
  status.textContent = text;
  const busy = next === 'training' || next === 'range' || next === 'loading';
  $<HTMLButtonElement>('#train').disabled = next === 'loading' || next === 'range';
  $<HTMLButtonElement>('#stop').disabled = next !== 'training';
  $<HTMLButtonElement>('#resume').disabled = next !== 'stopped';
  $<HTMLButtonElement>('#range-test').disabled = busy;
}

function send(message: ToWorker): void {
  worker?.postMessage(message);
}

function startWorker(): void {
  worker?.terminate();
  endTrainingWindow();
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<FromWorker>) => onMessage(event.data);
  worker.onerror = (event) => setPhase('error', `The training worker failed: ${event.message}`);
  $('#backend-name').textContent = 'starting…';
  setPhase('loading', 'Loading TensorFlow.js and the digits…');
  // Relative to the page, so the site works from any folder of any static host.
  send({ type: 'init', backend: settings.backend, wasmPath: new URL('tfjs-wasm/', document.baseURI).href, digitsUrl: new URL('mnist-digits.bin', document.baseURI).href });
}

const fmt = (v: number | null, digits: number) => (v === null ? '—' : v.toFixed(digits));

function showTable(summaries: RunSummary[]): void {
  $('#results tbody').replaceChildren(
    ...summaries.map((s) =>
      el('tr', { 'data-exact': JSON.stringify([s.finalAccuracy, s.bestAccuracy, s.finalLoss, s.finalLr]) }, [
        el('td', {}, [s.name]),
        el('td', {}, [String(s.steps)]),
        el('td', { class: 'accuracy' }, [s.finalAccuracy === null ? '—' : `${(s.finalAccuracy * 100).toFixed(2)}%`]),
        el('td', {}, [s.bestAccuracy === null ? '—' : `${(s.bestAccuracy * 100).toFixed(2)}%`]),
        el('td', {}, [fmt(s.finalLoss, 4)]),
        el('td', {}, [s.finalLr === null ? '—' : String(Number(s.finalLr.toPrecision(4)))]),
        el('td', {}, [s.error ?? '']),
      ]),
    ),
  );
}

function showSpeed(speed: Speed): void {
  const node = $('#speed');
  node.dataset.stepsPerSecond = String(speed.stepsPerSecond);
  node.textContent = `${speed.stepsPerSecond.toFixed(1)} updates/s (${speed.updates} updates in ${speed.seconds.toFixed(1)} s of training)`;
}

/** Shortest time between two chart redraws (ms): the worker reports every 200 ms; drawing half as often is smooth enough. */
const REDRAW_EVERY_MS = 400;

// Redraws are serialized and spaced: newer data waits for the next redraw, and the returned promise settles
// once everything received so far is drawn.
let dirty = false;
let final = false;
let drawing: Promise<void> | null = null;
function redraw(last = false): Promise<void> {
  dirty = true;
  final ||= last;
  drawing ??= (async () => {
    try {
      while (dirty) {
        const started = performance.now();
        dirty = false;
        const isFinal = final;
        final = false;
        await charts.update(records, total, isFinal);
        $('.charts').setAttribute('data-points', String(records.reduce((n, r) => n + r.steps.length, 0)));
        if (dirty && !final) await new Promise((resolve) => setTimeout(resolve, Math.max(0, REDRAW_EVERY_MS - (performance.now() - started))));
      }
    } finally {
      drawing = null;
    }
  })();
  return drawing;
}

function onMessage(message: FromWorker): void {
  if ('id' in message && message.id !== trainingId) return;
  switch (message.type) {
    case 'ready': {
      $('#backend-name').textContent = message.backend;
      $('#backend-name').dataset.backend = message.backend;
      $('#backend-note').textContent = message.tried.length > 0 ? `(not available: ${message.tried.map((t) => t.backend).join(', ')})` : '';
      $('#backend-note').title = message.tried.map((t) => `${t.backend}: ${t.error}`).join('\n');
      setPhase('ready', `Ready: ${message.trainDigits} training and ${message.validationDigits} validation digits loaded.`);
      return;
    }
    case 'progress': {
      message.progress.steps.forEach((points, i) => records[i]?.steps.push(...points));
      message.progress.evals.forEach((points, i) => records[i]?.evals.push(...points));
      total = message.total;
      showTable(message.summaries);
      showSpeed(message.speed);
      const epoch = Math.min(Math.ceil(message.step / message.perEpoch), Math.ceil(message.total / message.perEpoch));
      if (phase === 'training') $('#status').textContent = `Training: step ${message.step} / ${message.total} (epoch ${epoch})`;
      void redraw();
      return;
    }
    case 'stopped':
      endTrainingWindow();
      // Like 'done': the page says "stopped" once every point received before the stop is drawn.
      void redraw(true).then(() => setPhase('stopped', `Stopped at step ${message.step} / ${message.total}. Resume continues from there.`));
      return;
    case 'done':
      endTrainingWindow();
      showTable(message.summaries);
      showSpeed(message.speed);
      void redraw(true).then(() => setPhase('done', `Done: ${message.summaries.length} schedules trained.`));
      return;
    case 'rangeProgress':
      $('#status').textContent = `LR range test: iteration ${message.iteration} / ${message.numIter}`;
      return;
    case 'rangeResult':
      void showFinder(message.result).then(() => setPhase('ready', `LR range test done (${message.result.stopReason}).`));
      return;
    case 'error':
      endTrainingWindow();
      setPhase('error', `Error: ${message.message}`);
      return;
  }
}

// ---------- training ----------

/** Validated config and run specs, or null after showing what is wrong. */
function plan(): { config: TrainConfig; runs: RunSpec[] } | null {
  readForm();
  saveUrl();
  document.querySelectorAll('.invalid').forEach((n) => n.classList.remove('invalid'));
  $('#train-error').textContent = '';
  let config: TrainConfig;
  try {
    config = trainConfig(settings);
  } catch (error) {
    if (!(error instanceof LrkitError)) throw error;
    $('#train-error').textContent = error.message;
    return null;
  }
  if (settings.picked.length === 0) {
    $('#train-error').textContent = 'Pick at least one schedule to train.';
    return null;
  }
  const runs: RunSpec[] = [];
  let ok = true;
  for (const index of settings.picked) {
    const card = cards[index]!;
    const cardEl = $(`.train-card[data-index="${index}"]`);
    try {
      runs.push({ name: `${index + 1}. ${card.type}`, scheduler: cardScheduler(card, config) });
      $('.error', cardEl).textContent = '';
      cardEl.classList.remove('has-error');
    } catch (error) {
      if (!(error instanceof LrkitError)) throw error;
      $('.error', cardEl).textContent = error.message;
      cardEl.classList.add('has-error');
      const option = /^scheduler\.([A-Za-z0-9]+)/.exec(error.message)?.[1];
      if (option) cardEl.querySelector(`[data-option="${option}"]`)?.classList.add('invalid');
      ok = false;
    }
  }
  return ok ? { config, runs } : null;
}

async function startTraining(): Promise<void> {
  const p = plan();
  if (!p) return;
  trainingId++;
  records = p.runs.map((r) => ({ name: r.name, steps: [], evals: [] }));
  total = runLength(p.config);
  showTable([]);
  windows.length = 0; // long tasks are counted per training (with its resumes)
  await charts.start(records, total, p.config.optimizer !== 'sgd');
  $('.charts').setAttribute('data-points', '0');
  beginTrainingWindow();
  setPhase('training', `Training: step 0 / ${total}`);
  send({ type: 'start', id: trainingId, config: p.config, runs: p.runs });
}

// ---------- responsiveness ----------

interface Window {
  start: number;
  end: number | null;
}
const windows: Window[] = [];
const longTasks: PerformanceEntry[] = [];

function beginTrainingWindow(): void {
  windows.push({ start: performance.now(), end: null });
  showLongTasks();
}

function endTrainingWindow(): void {
  const last = windows[windows.length - 1];
  if (last && last.end === null) last.end = performance.now();
  showLongTasks();
}

function showLongTasks(): void {
  const during = longTasks.filter((t) => windows.some((w) => t.startTime >= w.start && (w.end === null || t.startTime <= w.end)));
  const max = during.reduce((m, t) => Math.max(m, t.duration), 0);
  const node = $('#longtasks');
  node.dataset.count = String(during.length);
  node.dataset.max = String(max);
  node.dataset.durations = JSON.stringify(during.map((t) => Math.round(t.duration)));
  node.textContent = `main-thread long tasks during training: ${during.length}${during.length > 0 ? ` (longest ${max.toFixed(0)} ms, total ${during.reduce((s, t) => s + t.duration, 0).toFixed(0)} ms)` : ''}`;
}

function observeLongTasks(): void {
  if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
    $('#longtasks').textContent = 'main-thread long tasks: not measurable in this browser';
    return;
  }
  new PerformanceObserver((list) => {
    longTasks.push(...list.getEntries());
    showLongTasks();
  }).observe({ type: 'longtask', buffered: true });
}

// ---------- range test ----------

let finderView: vega.View | null = null;

async function showFinder(result: FindLrResult): Promise<void> {
  $('#finder').hidden = false;
  finderView?.finalize();
  finderView = new vega.View(vega.parse(compile(finderChartSpec(result, { width: 560, height: 260 }) as unknown as TopLevelSpec).spec), { renderer: 'svg', container: $('#finder-chart') });
  await finderView.runAsync();
  const chosen = result.suggestion;
  const lines = result.suggestions.map((s) => `${s.name}${s.chosen ? ' (default rule)' : ''}: ${s.lr === null ? `none (${s.reason ?? 'no suggestion'})` : s.lr.toExponential(2)}`);
  const summary = $('#finder-summary');
  summary.dataset.rule = chosen;
  summary.dataset.suggested = result.suggestedLr === null ? '' : String(result.suggestedLr);
  const target = cards.findIndex((c, i) => c.type === 'OneCycleLR' && settings.picked.includes(i));
  const anyTarget = target >= 0 ? target : cards.findIndex((c) => c.type === 'OneCycleLR');
  let filled = '';
  if (result.suggestedLr !== null && anyTarget >= 0) {
    readForm();
    const value = String(Number(result.suggestedLr.toPrecision(3)));
    (cards[anyTarget] as { options: Record<string, string> }).options.maxLr = value;
    buildCards();
    saveUrl();
    filled = ` Filled maxLr = ${value} of card ${anyTarget + 1} (OneCycleLR).`;
  } else if (result.suggestedLr !== null) {
    filled = ' Add a OneCycleLR card in the playground to use it as maxLr.';
  }
  summary.replaceChildren(
    el('span', {}, [`${result.lrs.length} iterations (${result.stopReason}). The default rule "${chosen}" suggests ${result.suggestedLr === null ? 'nothing' : result.suggestedLr.toExponential(2)}.${filled}`]),
    el('ul', {}, lines.map((l) => el('li', {}, [l]))),
  );
}

function rangeTest(): void {
  readForm();
  saveUrl();
  $('#train-error').textContent = '';
  try {
    const config = trainConfig(settings);
    setPhase('range', 'LR range test: starting…');
    send({ type: 'rangeTest', config, numIter: 100 });
  } catch (error) {
    if (!(error instanceof LrkitError)) throw error;
    $('#train-error').textContent = error.message;
  }
}

// ---------- wiring ----------

function main(): void {
  if (decoded.error) $('#train-error').textContent = decoded.error;
  writeForm();
  showRunLength();
  saveUrl();
  observeLongTasks();
  document.addEventListener('input', (event) => {
    const target = event.target as HTMLElement;
    if (!target.closest('#train-form, #train-cards') || target.classList.contains('pick')) return;
    readForm();
    if (target.closest('#train-form')) refit();
    showRunLength();
    saveUrl();
  });
  document.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement;
    if (target.classList.contains('pick')) {
      readForm();
      const index = Number(target.dataset.index);
      settings.picked = target.checked ? [...settings.picked, index].sort((a, b) => a - b) : settings.picked.filter((i) => i !== index);
      buildCards();
      saveUrl();
    } else if (target.id === 'backend') {
      readForm();
      saveUrl();
      startWorker();
    }
  });
  $('#train').addEventListener('click', () => void startTraining());
  $('#stop').addEventListener('click', () => send({ type: 'stop' }));
  $('#resume').addEventListener('click', () => {
    beginTrainingWindow();
    setPhase('training', 'Training: resuming…');
    send({ type: 'resume' });
  });
  $('#range-test').addEventListener('click', rangeTest);
  // Event-to-handler latency: how long a click waited for the main thread.
  $('#ping').addEventListener('click', (event) => {
    const ms = performance.now() - event.timeStamp;
    const node = $('#latency');
    node.dataset.ms = String(ms);
    node.textContent = `click latency: ${ms.toFixed(1)} ms`;
  });
  startWorker();
}

main();
