// Charts drawn as SVG: readings anchored over time, and proofs made and missed per provider.

import { s } from './dom.js';

const W = 640;
const H = 220;
const PAD = { left: 64, right: 16, top: 14, bottom: 36 };

const day = (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

// Cumulative readings against the devices' own time: each anchor rises from its first to its
// last reading's timestamp.
export function readingsChart(anchors, label) {
  const sorted = [...anchors].sort((a, b) => Number(a.time_start - b.time_start));
  const t0 = Number(sorted[0].time_start);
  const t1 = Math.max(...sorted.map((a) => Number(a.time_end)), t0 + 1);
  const total = sorted.reduce((n, a) => n + a.reading_count, 0) || 1;
  const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (n) => H - PAD.bottom - (n / total) * (H - PAD.top - PAD.bottom);
  let cumulative = 0;
  const points = [`${x(t0)},${y(0)}`];
  const marks = [];
  for (const a of sorted) {
    points.push(`${x(Number(a.time_start))},${y(cumulative)}`);
    cumulative += a.reading_count;
    points.push(`${x(Number(a.time_end))},${y(cumulative)}`);
    marks.push(
      s('circle', { cx: x(Number(a.time_end)), cy: y(cumulative), r: 3.5, fill: '#0b5fb0' },
        s('title', {}, `anchor ${a.sequence}: ${a.reading_count.toLocaleString('en')} readings, ${day(Number(a.time_start))} to ${day(Number(a.time_end))} UTC`)),
    );
  }
  return s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label },
    s('title', {}, label),
    s('line', { x1: PAD.left, y1: y(0), x2: W - PAD.right, y2: y(0), stroke: '#8a93a6' }),
    s('line', { x1: PAD.left, y1: y(0), x2: PAD.left, y2: PAD.top, stroke: '#8a93a6' }),
    s('text', { x: PAD.left - 6, y: y(total) + 4, 'text-anchor': 'end' }, total.toLocaleString('en')),
    s('text', { x: PAD.left - 6, y: y(0) + 4, 'text-anchor': 'end' }, '0'),
    s('text', { x: PAD.left, y: H - 12 }, `${day(t0)} UTC`),
    s('text', { x: W - PAD.right, y: H - 12, 'text-anchor': 'end' }, `${day(t1)} UTC`),
    s('text', { x: PAD.left + 6, y: PAD.top + 10 }, 'readings anchored (cumulative)'),
    s('polyline', { points: points.join(' '), fill: 'none', stroke: '#0b5fb0', 'stroke-width': 2 }),
    marks,
  );
}

// Proofs made (green) and missed (red) per provider, as horizontal bars.
export function proofsChart(rows, label) {
  const rowH = 26;
  const height = PAD.top + rows.length * rowH + 24;
  const max = Math.max(1, ...rows.map((r) => Number(r.stats.proved + r.stats.missed)));
  const left = 150;
  const scale = (n) => (Number(n) / max) * (W - left - 170);
  return s('svg', { class: 'chart', viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': label },
    s('title', {}, label),
    rows.map((r, i) => {
      const top = PAD.top + i * rowH;
      const made = scale(r.stats.proved);
      const missed = scale(r.stats.missed);
      return [
        s('text', { x: left - 8, y: top + 15, 'text-anchor': 'end' }, r.label),
        s('rect', { x: left, y: top + 3, width: Math.max(made, 0.5), height: 16, fill: '#2e8b57' }),
        s('rect', { x: left + made, y: top + 3, width: missed, height: 16, fill: '#c0392b' }),
        s('text', { x: left + made + missed + 6, y: top + 15 }, `${r.stats.proved} made, ${r.stats.missed} missed`),
      ];
    }),
  );
}
