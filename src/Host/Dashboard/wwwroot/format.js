// How numbers and states read on the page, in one place.

/** A score to four decimals, or a dash while there is none. */
export function score(value) {
  return Number.isFinite(value) ? value.toFixed(4) : '–';
}

/** A count with thousands separators. */
export function count(value) {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en') : '–';
}

/** Episodes per second, to one decimal. */
export function rate(value) {
  return Number.isFinite(value) ? value.toFixed(1) : '–';
}


/** The states a run can be changed out of, by change. */
export const changes = {
  pause: ['submitted', 'running'],
  resume: ['paused'],
  cancel: ['preparing', 'submitted', 'running', 'paused'],
};
