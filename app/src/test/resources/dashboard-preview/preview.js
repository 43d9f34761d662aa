'use strict';

// Draws one provisioned Grafana dashboard from its JSON, for the README's screenshots on a machine
// without Grafana. The test server has already substituted the variables; this page lays the panels
// out on Grafana's grid, asks Prometheus (through the server) for each panel's queries, and marks
// every panel with data-state (loading, rendered, error) and what it drew, so that the test knows
// when the picture is complete and whether a panel came out empty.
//
// URL: /?dashboard=<uid>&from=<epoch ms>&to=<epoch ms>

(function () {
  const params = new URLSearchParams(location.search);
  const from = Number(params.get('from')) / 1000;
  const to = Number(params.get('to')) / 1000;
  // About 200 points across the range, never finer than the test's 1 s scrape.
  const step = Math.max(1, Math.ceil((to - from) / 200));
  // Grafana's classic palette, so that the colours read as they would there.
  const PALETTE = ['#73BF69', '#F2CC0C', '#8AB8FF', '#FF780A', '#F2495C', '#5794F2', '#B877D9', '#705DA0',
    '#37872D', '#FADE2A', '#447EBC', '#C15C17', '#890F02', '#0A437C', '#6D1F62', '#584477'];
  const DURATION_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

  main().catch((error) => {
    const failure = document.getElementById('failure');
    failure.textContent = 'The preview failed: ' + error.message;
    failure.hidden = false;
    document.body.dataset.error = error.message;
    document.body.dataset.state = 'error';
  });

  async function main() {
    const preview = await prometheusOrJson('dashboards/' + encodeURIComponent(params.get('dashboard')));
    const dashboard = preview.dashboard;
    document.getElementById('title').textContent = `Preview of Grafana dashboard '${dashboard.title}' `
      + 'rendered from its JSON against a live Prometheus (not Grafana itself)';
    const variables = Object.entries(preview.variables).map(([name, value]) => `${name} = ${value}`);
    document.getElementById('context').textContent = [`docker/grafana/dashboards/${preview.file}`,
      variables.length ? 'variables: ' + variables.join(', ') : 'no variables',
      `${utc(from)} to ${utc(to)} UTC, a test run`].join(' · ');
    const grid = document.getElementById('grid');
    const drawn = [];
    for (const panel of dashboard.panels || []) {
      drawn.push(draw(grid, panel));
      for (const nested of panel.panels || []) drawn.push(draw(grid, nested));
    }
    await Promise.all(drawn);
    document.body.dataset.state = 'rendered';
  }

  async function draw(grid, panel) {
    const box = el('section', { class: 'panel panel-' + panel.type });
    Object.assign(box.dataset, { panelId: panel.id, type: panel.type, title: panel.title || '', state: 'loading' });
    const pos = panel.gridPos;
    box.style.gridColumn = `${pos.x + 1} / span ${pos.w}`;
    box.style.gridRow = `${pos.y + 1} / span ${pos.h}`;
    grid.append(box);
    if (panel.type === 'row') {
      box.append(el('h2', {}, panel.title));
      box.dataset.state = 'rendered';
      return;
    }
    const body = el('div', { class: 'body' });
    box.append(el('h3', { title: panel.title }, panel.title), body);
    try {
      const drawer = { timeseries: drawTimeseries, stat: drawStat, table: drawTable, text: drawText }[panel.type];
      if (!drawer) throw new Error(`panel type '${panel.type}' is not previewed`);
      await drawer(panel, body, box.dataset);
      box.dataset.state = 'rendered';
    } catch (error) {
      body.replaceChildren(el('p', { class: 'error' }, error.message));
      box.dataset.error = error.message;
      box.dataset.state = 'error';
    }
  }

  /** The panel's visible queries, each answered: [{target, result}] with Prometheus' result array. */
  function ask(panel, instant) {
    return Promise.all((panel.targets || []).filter((t) => !t.hide).map(async (target) => {
      const query = 'query=' + encodeURIComponent(target.expr);
      const answer = await prometheusOrJson(instant ? `api/v1/query?${query}&time=${to}`
        : `api/v1/query_range?${query}&start=${from}&end=${to}&step=${step}`);
      return { target, result: answer.data.result };
    }));
  }

  /** GETs JSON; a Prometheus error (status "error", any HTTP status) becomes an Error with its message. */
  async function prometheusOrJson(path) {
    const response = await fetch(path);
    let body;
    try {
      body = await response.json();
    } catch (e) {
      throw new Error(`${path}: HTTP ${response.status}, not JSON`);
    }
    if (!response.ok || body.status === 'error') {
      throw new Error(`${body.errorType || 'HTTP ' + response.status}: ${body.error || JSON.stringify(body)}`);
    }
    return body;
  }

  async function drawTimeseries(panel, body, state) {
    const unit = unitOf(panel);
    const datasets = [];
    let points = 0;
    for (const { target, result } of await ask(panel, false)) {
      for (const series of result) {
        const data = withGaps(series.values.map(([t, v]) => ({ x: t, y: number(v) })));
        points = Math.max(points, data.filter((p) => p.y !== null).length);
        const color = PALETTE[datasets.length % PALETTE.length];
        datasets.push({ label: legend(target, series.metric), data, borderColor: color, backgroundColor: color,
          borderWidth: 1.5, pointRadius: 0, spanGaps: false });
      }
    }
    Object.assign(state, { series: datasets.length, points });
    if (!datasets.length) throw new Error('No data');
    const canvas = el('canvas');
    body.append(canvas);
    new Chart(canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 2, font: { size: 11 } } } },
        scales: {
          x: {
            type: 'linear', min: from, max: to, ticks: { font: { size: 11 }, callback: clock },
            afterBuildTicks: (axis) => { axis.ticks = durationTicks(from, to, 8); },
          },
          y: {
            ticks: { maxTicksLimit: 6, font: { size: 11 }, callback: (v) => format(unit, v) },
            // Durations on whole seconds, minutes or hours rather than Chart.js' decimal steps (1.67 min).
            afterBuildTicks: unit === 's' ? (axis) => { axis.ticks = durationTicks(axis.min, axis.max, 6); } : undefined,
          },
        },
      },
    });
  }

  /** Ticks at a round number of seconds, minutes or hours, at most `count` of them. */
  function durationTicks(min, max, count) {
    const step = DURATION_STEPS.find((s) => (max - min) / s <= count) || DURATION_STEPS[DURATION_STEPS.length - 1];
    const ticks = [];
    for (let v = Math.ceil(min / step) * step; v <= max; v += step) ticks.push({ value: v });
    return ticks;
  }

  /** An x tick: the UTC time of day, with seconds only where the ticks are less than a minute apart. */
  function clock(t, index, ticks) {
    const wholeMinutes = ticks.every((tick) => tick.value % 60 === 0);
    return utc(t).slice(11, wholeMinutes ? 16 : 19);
  }

  /** A point where the series had no sample for more than a step and a half, so that the line breaks there. */
  function withGaps(points) {
    const out = [];
    for (const p of points) {
      const last = out[out.length - 1];
      if (last && p.x - last.x > 1.5 * step) out.push({ x: last.x + step, y: null });
      out.push(p);
    }
    return out;
  }

  async function drawStat(panel, body, state) {
    const unit = unitOf(panel);
    const options = panel.options || {};
    const stats = [];
    for (const { target, result } of await ask(panel, true)) {
      for (const series of result) stats.push({ name: legend(target, series.metric), value: number(series.value[1]) });
    }
    Object.assign(state, { series: stats.length, points: stats.length });
    if (!stats.length) throw new Error('No data');
    const row = el('div', { class: 'stats' });
    for (const stat of stats) {
      // textMode "name" shows the series' name instead of its value (e.g. the Streams state).
      const big = options.textMode === 'name' ? stat.name : format(unit, stat.value);
      const value = el('div', { class: 'value' }, big);
      if (options.colorMode !== 'none') value.style.color = thresholdColor(panel, stat.value);
      const cell = el('div', { class: 'stat' }, value);
      if (stats.length > 1 && options.textMode !== 'name') cell.append(el('div', { class: 'name' }, stat.name));
      row.append(cell);
    }
    body.append(row);
  }

  /**
   * An instant query as a table: one row per series, its labels as columns, then the value. With Grafana's "merge"
   * transformation, the queries' series that share their labels make one row with a value column per query
   * ("Value #<refId>"), named and unit-overridden as the panel's "organize" transformation and field overrides say.
   */
  async function drawTable(panel, body, state) {
    const unit = unitOf(panel);
    const transformations = panel.transformations || [];
    const merged = transformations.some((t) => t.id === 'merge');
    const renamed = ((transformations.find((t) => t.id === 'organize') || {}).options || {}).renameByName || {};
    const answers = await ask(panel, true);
    const valueColumns = merged ? answers.map(({ target }) => 'Value #' + target.refId) : ['Value'];
    const rows = new Map();
    answers.forEach(({ target, result }) => {
      for (const series of result) {
        const key = merged ? JSON.stringify(series.metric) : rows.size;
        if (!rows.has(key)) rows.set(key, { labels: series.metric, values: {} });
        rows.get(key).values[merged ? 'Value #' + target.refId : 'Value'] = number(series.value[1]);
      }
    });
    Object.assign(state, { series: rows.size, points: rows.size });
    if (!rows.size) throw new Error('No data');
    const names = [...new Set([...rows.values()].flatMap((r) => Object.keys(r.labels)))]
      .sort((a, b) => (a === '__name__' ? -1 : b === '__name__' ? 1 : a.localeCompare(b)));
    const head = el('tr', {}, ...[...names, ...valueColumns].map((n) => el('th', {}, renamed[n] || n)));
    const lines = [...rows.values()].map((r) => el('tr', {}, ...names.map((n) => el('td', {}, r.labels[n] || '')),
      ...valueColumns.map((column) => el('td', { class: 'number' },
        column in r.values ? format(overriddenUnit(panel, column) || unit, r.values[column]) : ''))));
    body.append(el('table', {}, el('thead', {}, head), el('tbody', {}, ...lines)));
  }

  /** The unit a "byName" field override gives a column, if any. */
  function overriddenUnit(panel, column) {
    const overrides = ((panel.fieldConfig || {}).overrides || [])
      .filter((o) => o.matcher && o.matcher.id === 'byName' && o.matcher.options === column);
    const property = overrides.flatMap((o) => o.properties || []).find((p) => p.id === 'unit');
    return property ? property.value : null;
  }

  async function drawText(panel, body, state) {
    const options = panel.options || {};
    const content = options.content || '';
    const div = el('div', { class: 'markdown' });
    if (options.mode === 'markdown') {
      div.innerHTML = markdown(content);
    } else {
      div.textContent = content;
    }
    Object.assign(state, { series: 0, points: 0 });
    body.append(div);
  }

  /** The markdown a text panel uses: paragraphs, "- " lists, links, `code` and **bold**; everything else as text. */
  function markdown(text) {
    const blocks = [];
    for (const block of text.split(/\n\s*\n/)) {
      const lines = block.split('\n');
      if (lines.every((l) => /^\s*- /.test(l))) {
        blocks.push('<ul>' + lines.map((l) => '<li>' + inline(l.replace(/^\s*- /, '')) + '</li>').join('') + '</ul>');
      } else {
        blocks.push('<p>' + inline(block) + '</p>');
      }
    }
    return blocks.join('');
  }

  function inline(text) {
    return text.split(/(`[^`]*`)/).map((part) => {
      if (part.startsWith('`') && part.endsWith('`') && part.length > 1) return '<code>' + escape(part.slice(1, -1)) + '</code>';
      return escape(part)
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (m, label, href) => `<a href="${href}">${label}</a>`)
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
    }).join('');
  }

  function escape(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  /** Grafana's legend: legendFormat with {{label}} filled in, or the series written as name{labels}. */
  function legend(target, metric) {
    const format = target.legendFormat;
    if (format && format !== '__auto') return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, label) => metric[label] || '');
    const labels = Object.entries(metric).filter(([k]) => k !== '__name__').map(([k, v]) => `${k}="${v}"`);
    return (metric.__name__ || '') + (labels.length ? `{${labels.join(', ')}}` : '');
  }

  function thresholdColor(panel, value) {
    const steps = (((panel.fieldConfig || {}).defaults || {}).thresholds || {}).steps;
    if (!steps || value === null) return '';
    let color = '';
    for (const s of steps) {
      if (s.value === null || value >= s.value) color = s.color;
    }
    return { green: '#37872D', red: '#C4162A', yellow: '#E0B400', orange: '#FA6400' }[color] || color;
  }

  function unitOf(panel) {
    return ((panel.fieldConfig || {}).defaults || {}).unit || 'short';
  }

  /** Prometheus writes sample values as strings; NaN and infinities are no point to draw. */
  function number(text) {
    const v = Number(text);
    return Number.isFinite(v) ? v : null;
  }

  /** A value in a Grafana unit, as Grafana abbreviates it (the units these dashboards use). */
  function format(unit, v) {
    if (v === null) return '—';
    switch (unit) {
      case 'percentunit': return plain(v * 100) + '%';
      case 'percent': return plain(v) + '%';
      case 's': return seconds(v);
      case 'bytes': return scaled(v, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB']);
      case 'rps': return short(v) + ' rd/s';
      case 'reqps': return short(v) + ' req/s';
      // Grafana's dateTimeAsIso takes epoch milliseconds and shows the dashboard's zone; the preview shows UTC, as its axes do.
      case 'dateTimeAsIso': return utc(v / 1000);
      default: return short(v);
    }
  }

  function seconds(v) {
    const a = Math.abs(v);
    if (a === 0) return '0 s';
    if (a < 1) return plain(v * 1000) + ' ms';
    if (a < 60) return plain(v) + ' s';
    if (a < 3600) return plain(v / 60) + ' min';
    return plain(v / 3600) + ' hour';
  }

  function short(v) {
    const a = Math.abs(v);
    if (a >= 1e9) return plain(v / 1e9) + ' Bil';
    if (a >= 1e6) return plain(v / 1e6) + ' Mil';
    if (a >= 1e3) return plain(v / 1e3) + ' K';
    return plain(v);
  }

  function scaled(v, base, names) {
    let i = 0;
    while (Math.abs(v) >= base && i < names.length - 1) {
      v /= base;
      i++;
    }
    return plain(v) + ' ' + names[i];
  }

  function plain(v) {
    const a = Math.abs(v);
    const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    return v.toLocaleString('en-US', { maximumFractionDigits: digits });
  }

  function utc(epochSeconds) {
    return new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  }
}());
