// The cluster: every node with its status, roles, evaluator slots and episodes per second. Read
// every few seconds while the tab is visible, and at once when a node joins or leaves.

import { api, paths } from './api.js';
import { h, replace } from './dom.js';
import { count, rate } from './format.js';

const refreshMs = 3000;

export class ClusterView {
  #rows;
  #summary;
  #message;
  #timer = null;
  #reading = null;

  constructor(section) {
    this.#rows = h('tbody', {});
    this.#summary = h('p', { class: 'muted' });
    this.#message = h('p', { class: 'message', role: 'status' });
    replace(section,
      h('h2', {}, 'Cluster'),
      this.#summary,
      this.#message,
      h('div', { class: 'table-scroll' },
        h('table', { class: 'nodes' },
          h('thead', {}, h('tr', {}, ['node', 'status', 'roles', 'slots', 'in flight', 'episodes', 'episodes/s']
            .map(t => h('th', { scope: 'col' }, t)))),
          this.#rows)));
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) this.refresh();
    });
  }

  /** Reads the cluster now (one read at a time) and schedules the next. */
  refresh() {
    this.#reading ??= this.#read().finally(() => {
      this.#reading = null;
    });
    return this.#reading;
  }

  async #read() {
    clearTimeout(this.#timer);
    try {
      const { body } = await api(paths.cluster);
      this.#show(body.nodes ?? []);
      this.#message.textContent = '';
    } catch (error) {
      this.#message.textContent = `Could not read the cluster: ${error.message}`;
    }
    if (!document.hidden) this.#timer = setTimeout(() => this.refresh(), refreshMs);
  }

  #show(nodes) {
    const slots = nodes.reduce((sum, n) => sum + (n.slots ?? 0), 0);
    const perSecond = nodes.reduce((sum, n) => sum + (n.episodesPerSecond ?? 0), 0);
    this.#summary.textContent = `${nodes.length} ${nodes.length === 1 ? 'node' : 'nodes'} · ${slots} slots · ${rate(perSecond)} episodes/s`;
    replace(this.#rows, nodes.map(n => h('tr', { 'data-node': n.node },
      h('td', { title: n.node }, shortAddress(n.node)),
      h('td', {}, n.status),
      h('td', {}, (n.roles ?? []).join(', ')),
      h('td', { class: 'num' }, count(n.slots)),
      h('td', { class: 'num' }, count(n.episodesInFlight)),
      h('td', { class: 'num' }, count(n.episodesDone)),
      h('td', { class: 'num' }, rate(n.episodesPerSecond)))));
  }
}

/** akka.tcp://metaloss@host:port reads as host:port; the full address stays in the cell's title. */
function shortAddress(node) {
  const at = String(node).lastIndexOf('@');
  return at < 0 ? String(node) : String(node).slice(at + 1);
}
