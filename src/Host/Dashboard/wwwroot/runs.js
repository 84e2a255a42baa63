// The runs as cards: state, progress and best scores, with pause/resume/cancel. A card is built
// once per run and then updated in place, so a button is never replaced under the pointer.

import { h, replace } from './dom.js';
import { changes, count, score } from './format.js';

export class RunsView {
  #list;
  #cards = new Map();
  #handlers;
  #selected = null;

  /** handlers: { select(name), change(name, change) } */
  constructor(list, handlers) {
    this.#list = list;
    this.#handlers = handlers;
    replace(this.#list, h('p', { class: 'empty' }, 'No runs yet: submit one below.'));
  }

  update(run) {
    let card = this.#cards.get(run.name);
    if (!card) {
      if (this.#cards.size === 0) replace(this.#list);
      card = new RunCard(run.name, this.#handlers);
      this.#cards.set(run.name, card);
      this.#list.append(card.element);
      card.setSelected(run.name === this.#selected);
    }
    card.update(run);
  }

  select(name) {
    this.#selected = name;
    for (const [cardName, card] of this.#cards) card.setSelected(cardName === name);
  }
}

class RunCard {
  element;
  #cells;
  #buttons;

  constructor(name, handlers) {
    this.#cells = {
      state: h('span', { class: 'state' }),
      generation: h('span', { class: 'generation' }),
      generations: h('span', { class: 'generations' }),
      episodesThisGeneration: h('span', { class: 'episodes-this-generation' }),
      progress: h('progress', { max: 1, value: 0 }),
      refusal: h('p', { class: 'refusal', hidden: true }),
      episodes: h('dd', { class: 'episodes' }),
      bestFitness: h('dd', { class: 'best-fitness' }),
      bestValidation: h('dd', { class: 'best-validation' }),
      priority: h('dd', { class: 'priority' }),
    };
    this.#buttons = Object.fromEntries(Object.keys(changes).map(change => [change,
      h('button', { type: 'button', class: `change-${change}`, onclick: () => handlers.change(name, change) }, change)]));
    const c = this.#cells;
    this.element = h('article', { class: 'run-card', 'data-run': name },
      h('header', {},
        h('button', { type: 'button', class: 'run-name', title: 'show this run', onclick: () => handlers.select(name) }, name),
        c.state),
      h('p', { class: 'progress-line' },
        'generation ', c.generation, ' / ', c.generations, h('span', { class: 'muted' }, ' · episodes this generation ', c.episodesThisGeneration)),
      c.progress,
      c.refusal,
      h('dl', { class: 'run-stats' },
        h('div', {}, h('dt', {}, 'episodes'), c.episodes),
        h('div', {}, h('dt', {}, 'best fitness'), c.bestFitness),
        h('div', {}, h('dt', {}, 'best meta-validation'), c.bestValidation),
        h('div', {}, h('dt', {}, 'priority'), c.priority)),
      h('div', { class: 'actions' }, Object.values(this.#buttons)));
  }

  update(run) {
    const c = this.#cells;
    this.element.dataset.state = run.state;
    c.state.textContent = run.state;
    c.generation.textContent = String(run.generation);
    c.generations.textContent = String(run.generations);
    c.episodesThisGeneration.textContent = `${run.episodesDoneThisGeneration} / ${run.episodesPerGeneration}`;
    const withinGeneration = run.episodesPerGeneration > 0 ? run.episodesDoneThisGeneration / run.episodesPerGeneration : 0;
    const done = run.state === 'finished' ? 1 : (run.generation + withinGeneration) / Math.max(run.generations, 1);
    c.progress.value = Math.min(Math.max(done, 0), 1);
    c.episodes.textContent = count(run.episodesCompleted);
    c.bestFitness.textContent = score(run.bestFitness);
    c.bestValidation.textContent = score(run.bestValidationScore);
    c.priority.textContent = String(run.priority);
    // A refused run never ran: its reason, not its (empty) progress.
    c.refusal.textContent = run.refusal ? `refused: ${run.refusal}` : '';
    c.refusal.hidden = !run.refusal;
    for (const [change, button] of Object.entries(this.#buttons)) button.hidden = !changes[change].includes(run.state);
  }

  setSelected(selected) {
    this.element.classList.toggle('selected', selected);
    if (selected) this.element.setAttribute('aria-current', 'true');
    else this.element.removeAttribute('aria-current');
  }
}
