// The fitness chart: best and mean fitness per generation and the best meta-validation score, as
// inline SVG drawn at the element's current width (so labels stay legible on a phone).

import { s, replace } from './dom.js';

const margin = { left: 46, right: 12, top: 12, bottom: 38 };
const markersUpTo = 120;

export const series = [
  { key: 'bestFitness', label: 'best fitness', className: 'series-best' },
  { key: 'meanFitness', label: 'mean fitness', className: 'series-mean' },
  { key: 'bestValidationScore', label: 'best meta-validation score', className: 'series-validation' },
];

/** Draws the chart into svg: points [{ generation (1-based), bestFitness, meanFitness, bestValidationScore }]. */
export function drawChart(svg, points, totalGenerations) {
  const width = Math.max(svg.clientWidth || svg.parentElement?.clientWidth || 600, 240);
  const height = width < 480 ? 200 : 260;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('height', String(height));
  svg.dataset.points = String(points.length);
  if (points.length === 0) {
    replace(svg, s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty' },
      'no generation completed yet'));
    return;
  }

  const lastGeneration = points[points.length - 1].generation;
  const xTicks = ticks(1, Math.max(totalGenerations || 0, lastGeneration, 2), width < 480 ? 4 : 8, true);
  const values = points.flatMap(p => series.map(se => p[se.key])).filter(Number.isFinite);
  const yTicks = ticks(Math.min(...values), Math.max(...values), 5, false);
  const plot = { x0: margin.left, x1: width - margin.right, y0: height - margin.bottom, y1: margin.top };
  const x = g => plot.x0 + (g - xTicks.lo) / (xTicks.hi - xTicks.lo) * (plot.x1 - plot.x0);
  const y = v => plot.y0 - (v - yTicks.lo) / (yTicks.hi - yTicks.lo) * (plot.y0 - plot.y1);

  replace(svg,
    s('g', { class: 'grid' }, yTicks.values.map(v => s('line', { x1: plot.x0, x2: plot.x1, y1: y(v), y2: y(v) }))),
    s('g', { class: 'axis' },
      s('line', { x1: plot.x0, x2: plot.x1, y1: plot.y0, y2: plot.y0 }),
      xTicks.values.map(g => s('text', { x: x(g), y: plot.y0 + 16, 'text-anchor': 'middle' }, String(g))),
      yTicks.values.map(v => s('text', { x: plot.x0 - 6, y: y(v) + 4, 'text-anchor': 'end' }, format(v, yTicks.step))),
      s('text', { x: (plot.x0 + plot.x1) / 2, y: height - 3, 'text-anchor': 'middle', class: 'axis-title' }, 'generation')),
    series.map(se => drawSeries(se, points, x, y, points.length <= markersUpTo)));
}

function drawSeries(se, points, x, y, markers) {
  const present = points.filter(p => Number.isFinite(p[se.key]));
  return s('g', { class: `series ${se.className}` },
    s('polyline', { points: present.map(p => `${x(p.generation)},${y(p[se.key])}`).join(' ') }),
    markers ? present.map(p => s('circle', { cx: x(p.generation), cy: y(p[se.key]), r: 3 },
      s('title', {}, `generation ${p.generation}: ${se.label} ${p[se.key].toFixed(4)}`))) : []);
}

/** Round tick values covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten. */
function ticks(lo, hi, count, integers) {
  if (hi - lo < 1e-9) {
    lo -= integers ? 1 : 0.01;
    hi += integers ? 1 : 0.01;
  }
  const rough = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  let step = [1, 2, 2.5, 5, 10].map(m => m * power).find(st => st >= rough);
  if (integers) step = Math.max(1, Math.round(step));
  const first = integers ? lo : Math.floor(lo / step) * step;
  const last = integers ? hi : Math.ceil(hi / step) * step;
  const values = [];
  for (let v = Math.ceil(first / step) * step; v <= last + step * 1e-6; v += step) values.push(v);
  if (integers && values[0] - first >= step / 2) values.unshift(first);
  return { lo: first, hi: last, step, values };
}

/** The value with as many decimals as the tick step needs. */
function format(value, step) {
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9) decimals++;
  return value.toFixed(decimals);
}
