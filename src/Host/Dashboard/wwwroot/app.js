// The dashboard's wiring: the runs, the selected run, the cluster and the submit form, kept
// current by the event stream. The selected run is in the address (#run=NAME), so a reload or a
// shared link shows the same run.

import { api, paths, setTokenPrompt } from './api.js';
import { ClusterView } from './cluster.js';
import { connectEvents } from './events.js';
import { RunDetailView } from './run-detail.js';
import { RunsView } from './runs.js';
import { wireSubmitForm } from './submit.js';
import { tokenPrompt } from './token.js';

const byId = id => document.getElementById(id);

setTokenPrompt(tokenPrompt(byId('token-dialog')));

const runsMessage = byId('runs-message');
const detail = new RunDetailView(byId('run-detail'));
const cluster = new ClusterView(byId('cluster'));
const runs = new RunsView(byId('runs'), { select, change });

wireSubmitForm(byId('submit-form'), byId('submit-message'), run => {
  runs.update(run);
  select(run.name);
});

addEventListener('hashchange', () => showSelected());

connectEvents({
  run: run => {
    runs.update(run);
    detail.setRun(run);
    if (detail.name === null && !selectedInAddress()) select(run.name);
  },
  generation: generation => detail.addGeneration(generation),
  node: () => cluster.refresh(),
  onOpen: () => {
    loadRuns();
    detail.reload();
    cluster.refresh();
  },
  onStatus: status => {
    const element = byId('connection');
    element.textContent = status;
    element.dataset.status = status === 'live' ? 'live' : 'down';
  },
});
showSelected();

async function loadRuns() {
  try {
    const { body } = await api(paths.runs);
    for (const run of body) runs.update(run);
    if (detail.name === null && !selectedInAddress() && body.length > 0) select(body[0].name);
  } catch (error) {
    runsMessage.textContent = `Could not list the runs: ${error.message}`;
  }
}

function select(name) {
  const hash = `#run=${encodeURIComponent(name)}`;
  if (location.hash === hash) showSelected();
  else location.hash = hash;
}

function selectedInAddress() {
  const match = /^#run=(.+)$/.exec(location.hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

function showSelected() {
  const name = selectedInAddress();
  if (name === null || name === detail.name) return;
  runs.select(name);
  detail.show(name);
}

async function change(name, what) {
  runsMessage.textContent = '';
  if (what === 'cancel' && !confirm(`Cancel run ${name}? A cancelled run cannot be resumed.`)) return;
  try {
    const { body } = await api(paths.change(name, what), { method: 'POST' });
    runs.update(body);
    detail.setRun(body);
  } catch (error) {
    runsMessage.textContent = `Could not ${what} ${name}: ${error.message}`;
  }
}
