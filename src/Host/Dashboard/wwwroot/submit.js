// The form that submits a run. The named fields are the common ones; any other evolve setting
// goes in the JSON box. The server checks everything; its message (and the field it names) is
// shown beside the form.

import { api, paths } from './api.js';

const numberFields = ['generations', 'population', 'seed', 'priority'];
const preparationPollMs = 250;

/** Wires the form; onSubmitted(runJson) after the server accepts a run. */
export function wireSubmitForm(form, message, onSubmitted) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearInvalid(form);
    say(message, '', 'error');
    let body;
    try {
      body = readForm(form);
    } catch (error) {
      markInvalid(form, error.field);
      say(message, error.message, 'error');
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    say(message, `Submitting run ${body.name}…`, 'ok');
    try {
      const { status, body: answer } = await api(paths.runs, { method: 'POST', body });
      const run = status === 202 ? await whenPrepared(answer.name, message) : answer;
      say(message, status === 202 ? `Submitted run ${run.name}.` : `Run ${run.name} exists with these settings: ${run.state}, generation ${run.generation}/${run.generations}.`, 'ok');
      onSubmitted(run);
    } catch (error) {
      markInvalid(form, error.field);
      say(message, `Refused: ${error.message}`, 'error');
    } finally {
      button.disabled = false;
    }
  });
}

/**
 * The server answers a new run at once (202) and then prepares it (checks its data, fits its
 * initial MLN: seconds, more when busy); polls until it is registered. A run that could not be
 * prepared comes back as an ApiError with the reason.
 */
async function whenPrepared(name, message) {
  say(message, `Preparing run ${name}: checking its data and fitting its initial MLN…`, 'ok');
  for (;;) {
    await new Promise(resolve => setTimeout(resolve, preparationPollMs));
    const { status, body } = await api(paths.run(name));
    if (status !== 202) return body.run;
  }
}

function readForm(form) {
  const extra = control(form, 'extra').value.trim();
  let body = {};
  if (extra !== '') {
    try {
      body = JSON.parse(extra);
    } catch {
      throw Object.assign(new Error('Other settings must be a JSON object, e.g. {"steps": 3}.'), { field: 'extra' });
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw Object.assign(new Error('Other settings must be a JSON object, e.g. {"steps": 3}.'), { field: 'extra' });
    }
  }
  body.name = control(form, 'name').value.trim();
  for (const field of numberFields) {
    const text = control(form, field).value.trim();
    if (text !== '') body[field] = Number(text);
  }
  return body;
}

function say(message, text, kind) {
  message.textContent = text;
  message.dataset.kind = kind;
}

function control(form, name) {
  return form.elements.namedItem(name);
}

/** Marks the field the server named; a setting without a field of its own came from the JSON box. */
function markInvalid(form, field) {
  if (!field) return;
  const input = control(form, field) ?? control(form, 'extra');
  if (input instanceof HTMLElement) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

function clearInvalid(form) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}
