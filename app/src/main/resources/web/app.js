'use strict';

/*
 * The live page: polls the app's query API every few seconds and renders the province, the plan's
 * indicators for the year to date, the cities and industry chains, the trend of recent windows and the
 * input outcomes. Every number goes through
 * the formatters below, one per kind of indicator, so that a missing value always reads "—" (or
 * "suppressed" for a group too small to publish) and never NaN or undefined. Elements carry ids and
 * data-* attributes (scope id, metric, final, revision) for tests and for anyone scripting the page.
 * When the app asks for a token (http.auth.token), the page sends the one kept in this tab's sessionStorage as
 * Authorization: Bearer; it comes from the token form, or from #token=... in the address, which never reaches the
 * server (a ?token= query would end up in access logs) and is taken out of the address bar at once.
 */
(() => {
  const PROVINCE_ID = 'ZJ';
  const TREND_WINDOWS = 24;
  const MONTHS_IN_YEAR = 12;
  // The plan's indicators the year-to-date view shows when brain.targets holds no province target to name them.
  const PLAN_INDICATORS = ['annualizedLaborProductivity', 'fullyDigitizedRate', 'smartFactoryEnterprises'];
  const DAY_MS = 24 * 3600 * 1000;
  // The province's operators read times in China Standard Time, whatever zone the browser is in.
  const CHINA_OFFSET_MS = 8 * 3600 * 1000;
  const DEAD_LETTER_REASONS = ['DESERIALIZATION', 'INVALID', 'UNKNOWN_ENTERPRISE', 'LATE'];

  /** kind: percent (a ratio shown ×100), decimal (digits after the point) or count. better: which way is progress. */
  const INDICATORS = [
    { key: 'annualizedLaborProductivity', zh: '全员劳动生产率', en: 'Labour productivity (annualized)', short: '劳动生产率 Productivity',
      unit: '万元/人·年 10k CNY per person-year', kind: 'decimal', digits: 1, better: 'higher' },
    { key: 'cloudAdoptionRate', zh: '企业上云率', en: 'Cloud adoption rate', short: '上云率 Cloud adoption',
      unit: '%', kind: 'percent', better: 'higher' },
    { key: 'fullyDigitizedRate', zh: '关键业务环节全面数字化比例', en: 'Fully-digitized rate (above scale)', short: '全面数字化 Fully digitized',
      unit: '%', kind: 'percent', better: 'higher' },
    { key: 'digitizedProcessRatio', zh: '业务环节数字化率', en: 'Digitized process ratio', short: '环节数字化 Processes',
      unit: '%', kind: 'percent', better: 'higher' },
    { key: 'ncRatio', zh: '设备数控化率', en: 'NC ratio', short: '数控化 NC',
      unit: '%', kind: 'percent', better: 'higher' },
    { key: 'deviceCloudRatio', zh: '设备上云率', en: 'Device cloud ratio', short: '设备上云 Device cloud',
      unit: '%', kind: 'percent', better: 'higher' },
    { key: 'qualityRate', zh: '产品合格率', en: 'Quality rate', short: '合格率 Quality',
      unit: '%', kind: 'percent', better: 'higher' },
    { key: 'availability', zh: '设备可用率', en: 'Availability', short: '可用率 Availability',
      unit: '%', kind: 'percent', better: 'higher' },
    { key: 'energyIntensity', zh: '单位增加值能耗', en: 'Energy intensity', short: '能耗强度 Energy',
      unit: 'kWh/万元 kWh per 10k CNY', kind: 'decimal', digits: 2, better: 'lower' },
    { key: 'smartFactoryEnterprises', zh: '智能工厂', en: 'Smart factories', short: '智能工厂 Smart factories',
      unit: '家 count', kind: 'count', better: 'higher' },
  ];
  const BY_KEY = Object.fromEntries(INDICATORS.map((i) => [i.key, i]));

  const CITIES = {
    HZ: '杭州 Hangzhou', NB: '宁波 Ningbo', WZ: '温州 Wenzhou', JX: '嘉兴 Jiaxing', HU: '湖州 Huzhou', SX: '绍兴 Shaoxing',
    JH: '金华 Jinhua', QZ: '衢州 Quzhou', ZS: '舟山 Zhoushan', TZ: '台州 Taizhou', LS: '丽水 Lishui',
  };
  // Chains are data: a code missing here is shown as it is.
  const CHAINS = {
    DIGITAL_SECURITY: '数字安防 Digital security', HIGH_END_SOFTWARE: '高端软件 High-end software',
    INTEGRATED_CIRCUITS: '集成电路 Integrated circuits', NETWORK_COMMUNICATION: '网络通信 Network communication',
    INTELLIGENT_COMPUTING: '智能计算 Intelligent computing', TEXTILES: '纺织 Textiles', AUTO_PARTS: '汽车零部件 Auto parts',
    MACHINERY: '装备制造 Machinery', HOME_APPLIANCES: '家电 Home appliances',
  };
  const SIGNATURE_CHAINS = ['DIGITAL_SECURITY', 'HIGH_END_SOFTWARE', 'INTEGRATED_CIRCUITS', 'NETWORK_COMMUNICATION', 'INTELLIGENT_COMPUTING'];

  const TOKEN_KEY = 'industry-brain.token';
  const refreshMs = refreshSeconds() * 1000;
  const charts = {};
  let refreshes = 0;

  // ---------------------------------------------------------------- formatting

  function isNumber(v) {
    return typeof v === 'number' && Number.isFinite(v);
  }

  /** Rounds half away from zero on the exact value (as toFixed does) and never prints "-0.0". */
  function fixed(v, digits) {
    const text = Math.abs(v).toFixed(digits);
    return (v < 0 && Number(text) !== 0 ? '-' : '') + text;
  }

  function grouped(v) {
    return fixed(v, 0).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  /** The number alone, in the indicator's display unit (a percent ratio ×100). */
  function number(indicator, v) {
    switch (indicator.kind) {
      case 'percent': return fixed(v * 100, 1);
      case 'count': return grouped(v);
      default: return fixed(v, indicator.digits);
    }
  }

  function valueText(indicator, v) {
    return number(indicator, v) + (indicator.kind === 'percent' ? '%' : '');
  }

  /** A record's value of one indicator: "—" without a record or value, "suppressed" for a group too small. */
  function cellText(indicator, record) {
    if (!record) return '—';
    const v = record[indicator.key];
    if (isNumber(v)) return valueText(indicator, v);
    return record.suppressed ? 'suppressed' : '—';
  }

  function gapText(indicator, gap) {
    if (!isNumber(gap)) return '—';
    const magnitude = number(indicator, Math.abs(gap));
    const sign = Number(magnitude.replace(/,/g, '')) === 0 ? '' : gap > 0 ? '+' : '-';
    return sign + magnitude + (indicator.kind === 'percent' ? ' pp' : '');
  }

  function countText(v) {
    return isNumber(v) ? grouped(v) : '—';
  }

  function chinaTime(iso) {
    const shifted = new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString();
    return { date: shifted.slice(0, 10), time: shifted.slice(11, 16), seconds: shifted.slice(11, 19) };
  }

  function windowText(record) {
    const start = chinaTime(record.windowStart);
    const end = chinaTime(record.windowEnd);
    return Date.parse(record.windowEnd) - Date.parse(record.windowStart) < DAY_MS
      ? `${start.date} ${start.time}–${end.time}`
      : `${start.date} ${start.time} – ${end.date} ${end.time}`;
  }

  function statusText(record) {
    return (record.final ? '最终 final' : '暂定 provisional') + ' · rev ' + record.revision;
  }

  function percentText(ratio) {
    return isNumber(ratio) ? fixed(ratio * 100, 1) + '%' : '—';
  }

  /** A period record's end of coverage, in China Standard Time to the minute. */
  function throughText(record) {
    if (!record.coveredUntil) return '—';
    const through = chinaTime(record.coveredUntil);
    return `${through.date} ${through.time}`;
  }

  function paceText(onTrack) {
    return onTrack === null ? '—' : onTrack ? '✔ 按计划 on track' : '✘ 落后 behind';
  }

  function dueText(due) {
    if (due === null || due === undefined) return '—';
    // An Avro date may arrive as days since the epoch rather than an ISO date.
    return typeof due === 'number' ? new Date(due * DAY_MS).toISOString().slice(0, 10) : String(due);
  }

  // ---------------------------------------------------------------- DOM helpers

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null) node.setAttribute(name, String(value));
    }
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  function showEmpty(id, message) {
    const node = byId(id);
    node.hidden = !message;
    node.textContent = message || '';
  }

  function setStatus(node, record) {
    node.textContent = record ? statusText(record) : '';
    node.className = 'status' + (record ? (record.final ? ' final' : ' provisional') : '');
    if (record) {
      node.dataset.final = String(record.final);
      node.dataset.revision = String(record.revision);
    } else {
      delete node.dataset.final;
      delete node.dataset.revision;
    }
  }

  function unavailable(result) {
    return '查询接口不可用 Query API unavailable: ' + result.reason.message;
  }

  // ---------------------------------------------------------------- sections

  function renderScopes(result) {
    const count = result.status === 'fulfilled' ? result.value.ENTERPRISE : null;
    byId('enterprise-count').textContent = countText(count);
  }

  function targetIndex(result) {
    const index = new Map();
    if (result.status === 'fulfilled' && Array.isArray(result.value)) {
      for (const t of result.value) index.set(`${t.scope}:${t.scopeId}:${t.metric}`, t);
    }
    return index;
  }

  function renderProvince(result, targets) {
    const records = result.status === 'fulfilled' ? (result.value.records || []) : [];
    const latest = records[0] || null;
    const lastFinal = records.find((r) => r.final) || null;
    const section = byId('province');
    section.dataset.windowStart = latest ? latest.windowStart : '';
    byId('province-window').textContent = latest ? windowText(latest) : '';
    byId('province-final-window').textContent = lastFinal ? windowText(lastFinal) : '';
    setStatus(byId('province-status'), latest);
    showEmpty('province-empty', result.status === 'rejected' ? unavailable(result)
      : latest ? '' : '尚无全省汇总 No province roll-up yet: only enterprise records so far.');
    byId('province-summary').textContent = latest
      ? `报告企业 Enterprises reporting ${countText(latest.enterprises)} · 规上 above scale ${countText(latest.aboveScaleEnterprises)}`
        + ` · 从业人员 employees ${countText(latest.employees)}`
        + ` · 最新事件 last event ${latest.lastEventTime ? chinaTime(latest.lastEventTime).date + ' ' + chinaTime(latest.lastEventTime).seconds : '—'}`
      : '';

    const rows = INDICATORS.map((indicator) => {
      const target = provinceTarget(targets, indicator);
      const gap = targetGap(indicator, latest, target);
      return el('tr', { 'data-metric': indicator.key },
        el('th', { scope: 'row' }, el('span', { class: 'zh' }, indicator.zh), ' ', el('span', { class: 'en' }, indicator.en)),
        el('td', { class: 'value', 'data-role': 'latest' }, cellText(indicator, latest)),
        el('td', { class: 'value', 'data-role': 'final' }, cellText(indicator, lastFinal)),
        el('td', { class: 'unit' }, indicator.unit),
        el('td', { class: 'value', 'data-role': 'target' }, target && isNumber(target.target) ? valueText(indicator, target.target) : '—'),
        el('td', { class: 'value gap', 'data-role': 'gap', 'data-on-track': onTrackAttribute(progressing(indicator, gap)) },
          gapText(indicator, gap)),
        el('td', { 'data-role': 'due' }, target ? dueText(target.dueDate) : '—'));
    });
    byId('indicators').tBodies[0].replaceChildren(...rows);
    return records;
  }

  function provinceTarget(targets, indicator) {
    return targets.get(`PROVINCE:${PROVINCE_ID}:${indicator.key}`);
  }

  function targetGap(indicator, record, target) {
    if (!record) return null;
    const pipelineGap = record.targetGaps ? record.targetGaps[indicator.key] : undefined;
    // The pipeline's gap is the authority; a target it has not applied yet still gets one here.
    return isNumber(pipelineGap) ? pipelineGap : target && isNumber(record[indicator.key]) ? record[indicator.key] - target.target : null;
  }

  /** Whether a gap (to the target or to the trajectory) is progress: by its sign, the way the indicator improves. */
  function progressing(indicator, gap) {
    return isNumber(gap) ? (indicator.better === 'lower' ? gap <= 0 : gap >= 0) : null;
  }

  // ---------------------------------------------------------------- year to date

  /** The indicators with a province target, in the page's order; the plan's own when there is none. */
  function planIndicators(targets) {
    const targeted = INDICATORS.filter((indicator) => provinceTarget(targets, indicator));
    return targeted.length ? targeted : PLAN_INDICATORS.map((key) => BY_KEY[key]);
  }

  function firstRecord(result) {
    return result.status === 'fulfilled' ? (result.value.records || [])[0] || null : null;
  }

  function yearUnavailable(result) {
    return result.reason.status === 503
      ? '尚无年度累计 No year-to-date figures yet: the app is still loading its period history; retrying.'
      : unavailable(result);
  }

  /**
   * The province's YEAR record and the year's MONTH records, cities and chains. Only records of the province's year
   * count: a city whose newest YEAR record is last year's has not reported this year.
   */
  function renderYear(year, months, regions, chains, targets, scopes) {
    const record = firstRecord(year);
    const failed = [year, months, regions, chains].find((r) => r.status === 'rejected');
    byId('year').dataset.windowStart = record ? record.windowStart : '';
    byId('year-period').textContent = record ? `${chinaTime(record.windowStart).date.slice(0, 4)} · 截至 through ${throughText(record)}` : '';
    setStatus(byId('year-status'), record);
    showEmpty('year-empty', failed ? yearUnavailable(failed)
      : record ? '' : '尚无年度累计 No year-to-date figures yet: they appear once the year\'s first window has closed everywhere.');
    byId('year-figures').hidden = !record;
    if (!record) return;
    const plan = planIndicators(targets);
    const ofTheYear = (r) => Date.parse(r.windowStart) === Date.parse(record.windowStart);
    byId('year-coverage').textContent = isNumber(record.coverage)
      ? `覆盖 Coverage: 来自全省 ${percentText(record.coverage)} 的注册企业 from ${percentText(record.coverage)}`
        + ` of the province's registered enterprises (${countText(record.enterprises)} of ${countText(record.registeredEnterprises)})`
      : `报告企业 Enterprises reporting ${countText(record.enterprises)}; 注册企业数未知 the registered enterprises are not known`;

    const rows = plan.map((indicator) => {
      const target = provinceTarget(targets, indicator);
      const gap = targetGap(indicator, record, target);
      const trajectory = record.trajectoryGaps ? record.trajectoryGaps[indicator.key] : undefined;
      const pace = progressing(indicator, trajectory);
      return el('tr', { 'data-metric': indicator.key },
        el('th', { scope: 'row' }, el('span', { class: 'zh' }, indicator.zh), ' ', el('span', { class: 'en' }, indicator.en)),
        el('td', { class: 'value', 'data-role': 'value' }, cellText(indicator, record)),
        el('td', { class: 'unit' }, indicator.unit),
        el('td', { class: 'value', 'data-role': 'baseline' }, baselineText(indicator, target)),
        el('td', { class: 'value', 'data-role': 'target' }, target && isNumber(target.target) ? valueText(indicator, target.target) : '—'),
        el('td', { class: 'value gap', 'data-role': 'gap', 'data-on-track': onTrackAttribute(progressing(indicator, gap)) },
          gapText(indicator, gap)),
        el('td', { class: 'value gap', 'data-role': 'trajectory', 'data-on-track': onTrackAttribute(pace) }, gapText(indicator, trajectory)),
        el('td', { class: 'pace', 'data-role': 'pace', 'data-on-track': onTrackAttribute(pace) }, paceText(pace)),
        el('td', { 'data-role': 'due' }, target ? dueText(target.dueDate) : '—'));
    });
    byId('year-indicators').tBodies[0].replaceChildren(...rows);

    const monthRecords = (months.status === 'fulfilled' ? months.value.records || [] : [])
      .filter((r) => Date.parse(r.windowStart) >= Date.parse(record.windowStart) && Date.parse(r.windowStart) < Date.parse(record.windowEnd))
      .sort((a, b) => Date.parse(a.windowStart) - Date.parse(b.windowStart));
    renderPeriodTable('month-table', '月份 Month', plan, monthRecords.map((r) => {
      const month = chinaTime(r.windowStart).date.slice(0, 7);
      return { id: month, name: month, record: r };
    }));
    for (const [tableId, result, ids, names] of [
      ['year-region-table', regions, scopeIds(scopes, 'REGION', Object.keys(CITIES)), CITIES],
      ['year-chain-table', chains, scopeIds(scopes, 'INDUSTRY_CHAIN', SIGNATURE_CHAINS), CHAINS]]) {
      const latest = new Map();
      if (result.status === 'fulfilled') {
        for (const r of (result.value.records || []).filter(ofTheYear)) latest.set(r.scopeId, r);
      }
      renderPeriodTable(tableId, '名称 Name', plan, [...new Set([...ids, ...latest.keys()])]
        .map((id) => ({ id, name: names[id] || id, record: latest.get(id) || null })));
    }
  }

  function baselineText(indicator, target) {
    if (!target || !isNumber(target.baseline)) return '—';
    return valueText(indicator, target.baseline) + (target.baselineDate ? ` (${dueText(target.baselineDate)})` : '');
  }

  function onTrackAttribute(onTrack) {
    return onTrack === null ? undefined : String(onTrack);
  }

  /** One row per month, city or chain: its status, coverage, enterprises, how far it is covered, and the plan's indicators. */
  function renderPeriodTable(tableId, nameHeader, plan, rows) {
    const head = el('tr', {},
      twoLineHeader(nameHeader), twoLineHeader('状态 Status'), twoLineHeader('覆盖 Coverage', 'value', '报告企业 / 注册企业 reporting / registered enterprises'),
      twoLineHeader('企业 Enterprises', 'value'), twoLineHeader('截至 Through'),
      ...plan.map((i) => twoLineHeader(i.short, 'value', i.unit)));
    const body = rows.map(({ id, name, record }) => {
      const badge = el('span');
      setStatus(badge, record);
      return el('tr', { 'data-id': id, 'data-suppressed': record ? String(Boolean(record.suppressed)) : undefined },
        el('th', { scope: 'row', title: id }, name),
        el('td', { 'data-role': 'status' }, badge),
        el('td', { class: 'value', 'data-metric': 'coverage' }, record ? percentText(record.coverage) : '—'),
        el('td', { class: 'value', 'data-metric': 'enterprises' }, record ? countText(record.enterprises) : '—'),
        el('td', { 'data-role': 'through' }, record ? throughText(record) : '—'),
        ...plan.map((i) => el('td', { class: 'value', 'data-metric': i.key }, cellText(i, record))));
    });
    byId(tableId).replaceChildren(el('thead', {}, head), el('tbody', {}, ...body));
  }

  // ---------------------------------------------------------------- trends

  function renderTrends(records, targets) {
    const chronological = records.slice(0, TREND_WINDOWS).reverse();
    showEmpty('trends-empty', chronological.length ? '' : '尚无全省窗口 No province windows yet.');
    document.querySelector('#trends .charts').hidden = chronological.length === 0;
    const spansDays = chronological.length > 1
      && Date.parse(chronological[chronological.length - 1].windowStart) - Date.parse(chronological[0].windowStart) >= DAY_MS;
    const labels = chronological.map((r) => {
      const start = chinaTime(r.windowStart);
      return spansDays ? `${start.date.slice(5)} ${start.time}` : start.time;
    });
    for (const figure of document.querySelectorAll('#trends figure')) {
      const indicator = BY_KEY[figure.dataset.metric];
      figure.dataset.points = String(chronological.length);
      figure.dataset.values = chronological.map((r) => cellText(indicator, r)).join(' | ');
      const target = targets.get(`PROVINCE:${PROVINCE_ID}:${indicator.key}`);
      drawChart(figure, indicator, chronological, labels, target ? target.target : null);
    }
  }

  function plotted(indicator, v) {
    if (!isNumber(v)) return null;
    return indicator.kind === 'percent' ? v * 100 : v;
  }

  function drawChart(figure, indicator, records, labels, target) {
    if (typeof Chart === 'undefined') return; // the page stays useful without its charts
    const color = indicator.kind === 'percent' ? '#1f77b4' : '#d35400';
    const provisional = records.map((r) => !r.final);
    const datasets = [{
      label: '全省 Province',
      data: records.map((r) => plotted(indicator, r[indicator.key])),
      borderColor: color,
      backgroundColor: color,
      pointBackgroundColor: records.map((r) => (r.final ? color : '#ffffff')),
      pointBorderColor: color,
      pointRadius: 4,
      borderWidth: 2,
      segment: { borderDash: (ctx) => (provisional[ctx.p1DataIndex] ? [4, 3] : undefined) },
    }];
    if (isNumber(target)) {
      datasets.push({
        label: '目标 Target', data: labels.map(() => plotted(indicator, target)), borderColor: '#c0392b',
        borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0,
      });
    }
    let chart = charts[figure.id];
    if (!chart) {
      chart = new Chart(figure.querySelector('canvas'), {
        type: 'line',
        data: { labels, datasets },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false,
          plugins: { legend: { position: 'bottom', labels: { boxHeight: 2 } } },
          scales: { y: { ticks: { callback: (v) => (indicator.kind === 'percent' ? v + '%' : v) } } },
        },
      });
      charts[figure.id] = chart;
    } else {
      chart.data.labels = labels;
      chart.data.datasets = datasets;
      chart.update('none');
    }
  }

  /** One row per scope id: the known ones first, in their order, then any the data names. */
  function renderScopeTable(tableId, emptyId, result, scopeIds, names) {
    const latest = new Map();
    if (result.status === 'fulfilled') {
      for (const r of result.value.records || []) latest.set(r.scopeId, r);
    }
    const ids = [...new Set([...scopeIds, ...latest.keys()])];
    showEmpty(emptyId, result.status === 'rejected' ? unavailable(result)
      : latest.size ? '' : '尚无汇总 No roll-ups yet: only enterprise records so far.');
    const head = el('tr', {},
      twoLineHeader('名称 Name'), twoLineHeader('窗口 Window'), twoLineHeader('状态 Status'), twoLineHeader('企业 Enterprises', 'value'),
      ...INDICATORS.map((i) => twoLineHeader(i.short, 'value', i.unit)));
    const rows = ids.map((id) => {
      const r = latest.get(id) || null;
      const badge = el('span');
      setStatus(badge, r);
      const status = el('td', { 'data-role': 'status' }, badge);
      return el('tr', { 'data-scope-id': id, 'data-suppressed': r ? String(Boolean(r.suppressed)) : undefined },
        el('th', { scope: 'row', title: id }, names[id] || id),
        el('td', { 'data-role': 'window' }, r ? windowText(r) : '—'),
        status,
        el('td', { class: 'value', 'data-metric': 'enterprises' }, r ? countText(r.enterprises) : '—'),
        ...INDICATORS.map((i) => el('td', { class: 'value', 'data-metric': i.key }, cellText(i, r))));
    });
    byId(tableId).replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
  }

  /** "中文 English" as two lines, so that fourteen columns fit a screen. */
  function twoLineHeader(label, className, title) {
    const space = label.indexOf(' ');
    return el('th', { class: className, title }, label.slice(0, space), el('br'), el('span', { class: 'en' }, label.slice(space + 1)));
  }

  function scopeIds(scopes, scope, known) {
    const listed = scopes.status === 'fulfilled' && Array.isArray(scopes.value[scope]) ? scopes.value[scope] : [];
    return [...new Set([...known, ...listed.slice().sort()])];
  }

  function renderOutcomes(result) {
    const topics = result.status === 'fulfilled' ? Object.entries(result.value.topics || {}) : [];
    topics.sort(([a], [b]) => a.localeCompare(b));
    showEmpty('outcomes-empty', result.status === 'rejected' ? unavailable(result)
      : topics.length ? '' : '尚无输入 No input consumed yet.');
    const reasons = [...new Set([...DEAD_LETTER_REASONS, ...topics.flatMap(([, o]) => Object.keys(o.deadLettered || {}))])];
    // Records the pipeline counts as ignored by design (the API lists them per reason when it has any such outcome).
    const withIgnored = topics.some(([, o]) => o.ignored !== undefined);
    const sum = (counts) => Object.values(counts || {}).reduce((total, n) => total + (isNumber(n) ? n : 0), 0);
    const head = el('tr', {},
      twoLineHeader('主题 Topic'), twoLineHeader('已消费 Consumed', 'value'), twoLineHeader('已计入 Accepted', 'value'),
      twoLineHeader('重复 Duplicates', 'value'),
      ...reasons.map((reason) => twoLineHeader('死信 ' + reason, 'value')),
      twoLineHeader('死信合计 Dead letters', 'value'),
      ...(withIgnored ? [twoLineHeader('忽略 Ignored', 'value')] : []),
      twoLineHeader('处理中 In flight', 'value'), twoLineHeader('平衡 Balanced'));
    const rows = topics.map(([topic, o]) => {
      const letters = o.deadLettered || {};
      const balanced = o.balanced === true;
      return el('tr', { 'data-topic': topic, 'data-balanced': String(balanced), class: balanced ? '' : 'unbalanced' },
        el('th', { scope: 'row' }, topic),
        el('td', { class: 'value', 'data-field': 'consumed' }, countText(o.consumed)),
        el('td', { class: 'value', 'data-field': 'accepted' }, countText(o.accepted)),
        el('td', { class: 'value', 'data-field': 'duplicates' }, countText(o.duplicates)),
        ...reasons.map((reason) => el('td', { class: 'value', 'data-field': 'deadLettered.' + reason }, countText(letters[reason] ?? 0))),
        el('td', { class: 'value', 'data-field': 'deadLetteredTotal' }, countText(sum(letters))),
        ...(withIgnored ? [el('td', { class: 'value', 'data-field': 'ignoredTotal' }, countText(sum(o.ignored)))] : []),
        el('td', { class: 'value', 'data-field': 'inFlight' }, countText(o.inFlight)),
        el('td', { 'data-field': 'balanced', class: balanced ? 'ok' : 'alarm' }, balanced ? '✔ 平衡 balanced' : '✘ 不平衡 not balanced'));
    });
    byId('outcome-table').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
  }

  // ---------------------------------------------------------------- polling

  /** absent: the answer standing for a 404, which the API gives for a scope id it has no record of yet. */
  async function getJson(path, absent) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = token ? { Accept: 'application/json', Authorization: `Bearer ${token}` } : { Accept: 'application/json' };
    const response = await fetch(path, { cache: 'no-store', headers });
    if (response.status === 404 && absent !== undefined) return absent;
    if (!response.ok) {
      const error = new Error(`/${path.split('?')[0]} answered HTTP ${response.status}`);
      error.status = response.status;
      error.unauthorized = response.status === 401;
      throw error;
    }
    return response.json();
  }

  function renderConnection(results) {
    const failed = results.filter((r) => r.status === 'rejected').length;
    const unauthorized = results.some((r) => r.status === 'rejected' && r.reason.unauthorized);
    const node = byId('connection');
    const [state, text] = unauthorized
      ? ['unauthorized', sessionStorage.getItem(TOKEN_KEY) ? '令牌无效 token refused' : '需要令牌 token needed']
      : failed === 0 ? ['live', '实时 live']
        : failed === results.length ? ['offline', '连接中断 disconnected, retrying'] : ['partial', '部分接口不可用 partly unavailable'];
    node.dataset.state = state;
    node.textContent = text;
    byId('token-form').hidden = !unauthorized;
    if (failed < results.length) byId('updated-at').textContent = chinaTime(new Date().toISOString()).seconds;
  }

  /** Each section renders on its own, so one failing endpoint or section leaves the others live. */
  function guarded(section, render) {
    try {
      return render();
    } catch (e) {
      console.error(`rendering ${section} failed`, e);
      return undefined;
    }
  }

  async function refresh() {
    const results = await Promise.allSettled([
      getJson('api/scopes'),
      getJson(`api/metrics?scope=PROVINCE&scopeId=${PROVINCE_ID}&limit=${TREND_WINDOWS}`, { records: [] }),
      getJson('api/latest?scope=REGION'),
      getJson('api/latest?scope=INDUSTRY_CHAIN'),
      getJson('api/outcomes'),
      getJson('api/targets'),
      getJson(`api/metrics?scope=PROVINCE&scopeId=${PROVINCE_ID}&period=YEAR&limit=1`, { records: [] }),
      getJson(`api/metrics?scope=PROVINCE&scopeId=${PROVINCE_ID}&period=MONTH&limit=${MONTHS_IN_YEAR}`, { records: [] }),
      getJson('api/latest?scope=REGION&period=YEAR'),
      getJson('api/latest?scope=INDUSTRY_CHAIN&period=YEAR'),
    ]);
    const [scopes, province, regions, chains, outcomes, targetList, year, months, regionYears, chainYears] = results;
    const targets = targetIndex(targetList);
    guarded('scopes', () => renderScopes(scopes));
    const records = guarded('province', () => renderProvince(province, targets)) || [];
    guarded('year', () => renderYear(year, months, regionYears, chainYears, targets, scopes));
    guarded('trends', () => renderTrends(records, targets));
    guarded('regions', () => renderScopeTable('region-table', 'regions-empty', regions, scopeIds(scopes, 'REGION', Object.keys(CITIES)), CITIES));
    guarded('chains', () => renderScopeTable('chain-table', 'chains-empty', chains, scopeIds(scopes, 'INDUSTRY_CHAIN', SIGNATURE_CHAINS), CHAINS));
    guarded('outcomes', () => renderOutcomes(outcomes));
    renderConnection(results);
    refreshes += 1;
    document.body.dataset.refreshes = String(refreshes);
  }

  function refreshSeconds() {
    const asked = Number(new URLSearchParams(window.location.search).get('refresh'));
    return Number.isFinite(asked) && asked >= 1 && asked <= 60 ? asked : 5;
  }

  async function loop() {
    try {
      await refresh();
    } finally {
      window.setTimeout(loop, refreshMs);
    }
  }

  function takeTokenFromAddress() {
    const given = new URLSearchParams(window.location.hash.slice(1)).get('token');
    if (given) {
      sessionStorage.setItem(TOKEN_KEY, given);
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
  }

  byId('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId('token');
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    input.value = '';
    refresh();
  });

  // A #token= address opened in a tab already showing the page changes only the fragment: no reload, no load.
  window.addEventListener('hashchange', () => {
    takeTokenFromAddress();
    refresh();
  });

  takeTokenFromAddress();
  byId('refresh-seconds').textContent = String(refreshMs / 1000);
  loop();
})();
