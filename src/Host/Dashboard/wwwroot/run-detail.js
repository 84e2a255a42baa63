// One run in full: the live fitness chart, the per-generation table, the settings it was
// submitted with, and the download of its best MLN. Generations arrive from the event stream one
// by one; a reload of the run's detail fills in any the page missed.

import { api, download, paths } from './api.js';
import { drawChart, series } from './chart.js';
import { h, replace } from './dom.js';
import { score } from './format.js';

export class RunDetailView {
  #section;
  #name = null;
  #run = null;
  #points = new Map();
  #parts;

  constructor(section) {
    this.#section = section;
    this.#parts = {
      title: h('h2', {}),
      summary: h('p', { class: 'muted' }),
      chart: document.createElementNS('http://www.w3.org/2000/svg', 'svg'),
      rows: h('tbody', {}),
      settings: h('dl', { class: 'settings' }),
      message: h('p', { class: 'message', role: 'status' }),
      download: h('button', { type: 'button', class: 'download', onclick: () => this.#download() }, 'Download best MLN'),
    };
    const p = this.#parts;
    p.chart.setAttribute('class', 'chart');
    p.chart.setAttribute('role', 'img');
    p.chart.setAttribute('aria-label', 'fitness per generation');
    replace(section,
      h('header', { class: 'detail-header' }, h('div', {}, p.title, p.summary), p.download),
      p.message,
      h('figure', {},
        p.chart,
        h('figcaption', { class: 'legend' }, series.map(se => h('span', { class: se.className }, h('i', {}), se.label)))),
      h('div', { class: 'columns' },
        h('div', { class: 'table-scroll generations' },
          h('table', {},
            h('caption', {}, 'Generations (newest first)'),
            h('thead', {}, h('tr', {}, ['generation', 'best', 'mean', 'flagged', 'meta-validation'].map(t => h('th', { scope: 'col' }, t)))),
            p.rows)),
        h('div', {}, h('h3', {}, 'Settings'), p.settings)));
    section.hidden = true;
    addEventListener('resize', () => this.#redraw());
  }

  get name() {
    return this.#name;
  }

  /** Shows the named run, loading its detail. */
  async show(name) {
    this.#name = name;
    this.#run = null;
    this.#points.clear();
    this.#section.hidden = false;
    this.#section.dataset.run = name;
    this.#parts.title.textContent = name;
    this.#parts.message.textContent = '';
    replace(this.#parts.settings);
    this.#render();
    await this.reload();
  }

  /** Reads the run's detail again (after a reconnect, generations may have been missed). */
  async reload() {
    const name = this.#name;
    if (name === null) return;
    try {
      const { status, body } = await api(paths.run(name));
      if (name !== this.#name) return;
      if (status === 202) {
        this.#parts.message.textContent = `Run ${name} is still being prepared.`;
        return;
      }
      this.#run = body.run;
      // Merged, not replaced: a generation event may have overtaken this answer.
      for (const generation of body.generations ?? []) this.#addPoint(generation);
      replace(this.#parts.settings, Object.entries(body.settings ?? {}).map(([key, value]) =>
        h('div', {}, h('dt', {}, key), h('dd', {}, typeof value === 'object' ? JSON.stringify(value) : String(value)))));
      this.#render();
    } catch (error) {
      if (name === this.#name) this.#parts.message.textContent = `Could not load run ${name}: ${error.message}`;
    }
  }

  setRun(run) {
    if (run.name !== this.#name) return;
    this.#run = run;
    this.#renderSummary();
  }

  addGeneration(generation) {
    if (generation.run !== this.#name) return;
    this.#addPoint(generation);
    this.#render();
  }

  #addPoint(generation) {
    // The API numbers generations from 1, as the CLI prints them.
    this.#points.set(generation.generation, {
      generation: generation.generation,
      bestFitness: generation.bestFitness,
      meanFitness: generation.meanFitness,
      flagged: generation.flagged,
      bestValidationScore: generation.bestValidationScore ?? null,
    });
  }

  #sortedPoints() {
    return [...this.#points.values()].sort((a, b) => a.generation - b.generation);
  }

  #render() {
    this.#renderSummary();
    this.#redraw();
    replace(this.#parts.rows, this.#sortedPoints().reverse().map(p => h('tr', {},
      h('td', {}, String(p.generation)),
      h('td', {}, score(p.bestFitness)),
      h('td', {}, score(p.meanFitness)),
      h('td', {}, String(p.flagged ?? 0)),
      h('td', {}, score(p.bestValidationScore)))));
  }

  #renderSummary() {
    const run = this.#run;
    this.#parts.summary.textContent = run
      ? `${run.state} · generation ${run.generation} / ${run.generations} · best fitness ${score(run.bestFitness)} · best meta-validation ${score(run.bestValidationScore)}`
      : '';
  }

  #redraw() {
    if (this.#name === null) return;
    drawChart(this.#parts.chart, this.#sortedPoints(), this.#run?.generations);
  }

  async #download() {
    const name = this.#name;
    this.#parts.message.textContent = '';
    try {
      await download(paths.bestMln(name), `${name}-best-mln.json`);
    } catch (error) {
      this.#parts.message.textContent = error.status === 404
        ? `Run ${name} has no best MLN yet.`
        : `Could not download the best MLN: ${error.message}`;
    }
  }
}
