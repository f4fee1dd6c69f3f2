// Builds the report's sections from the JSON the Java side embedded. Every chart renders as SVG with
// animation off, and records how many data points it drew in <html data-charts>, which the browser
// test reads back.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('sparktune-data').textContent);
  var main = document.getElementById('report');
  var charts = {};
  var STATUS_COLOR = { ok: '#2680c2', pruned: '#9aa5b1', diverged: '#de911d', failed: '#d64545', stuck: '#8e6ac8' };
  var params = data.params;
  var trials = data.trials;
  // What the search optimised; reports from before search.objective existed ranked by validation accuracy.
  var OBJ = data.objective || { name: 'val_accuracy', label: 'validation accuracy', minimise: false };
  function obj(t) { return t.best_objective !== undefined ? t.best_objective : t.best_val_accuracy; }
  function objText(v) { return OBJ.name === 'val_loss' ? fmt(v) : pct(v); }
  var scored = trials.filter(function (t) { return isNum(obj(t)); });
  // Trials retrained on new seeds (search.confirm) come first, by their mean: the first is the pick.
  var confirmed = trials.filter(function (t) { return isNum(t.confirmed_mean); });
  var best = confirmed.length ? confirmed[0] : scored[0];
  function meanSd(t) {
    return objText(t.confirmed_mean) + (isNum(t.confirmed_sd) ? ' ± ' + objText(t.confirmed_sd) : '') + ' (' + t.confirmed_runs + ')';
  }
  var baseline = trials.filter(function (t) { return t.is_baseline; })[0];

  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function fmt(v, digits) {
    if (isNum(v)) { return Number.isInteger(v) && digits === undefined ? String(v) : v.toFixed(digits === undefined ? 4 : digits); }
    return v === null || v === undefined ? '' : String(v);
  }
  // 48s, 6m, 1h05m, as the console writes durations.
  function duration(seconds) {
    var s = Math.round(seconds);
    if (s < 90) { return s + 's'; }
    if (s < 3600) { return Math.round(seconds / 60) + 'm'; }
    var m = Math.floor((s % 3600) / 60);
    return Math.floor(s / 3600) + 'h' + (m < 10 ? '0' : '') + m + 'm';
  }
  // A task training now, as the status command lists it: its label and since when (UTC).
  function runningLine(r) {
    var line = r.label + ', since ' + r.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    var curve = r.curve || [];
    if (curve.length) {
      // The epochs heard while the trial trains: its validation accuracy so far, epoch by epoch.
      line += ': epoch ' + curve[curve.length - 1].epoch + ' of ' + r.epochs + ', val_acc '
          + curve.map(function (e) { return fmt(e.val_accuracy); }).join(' ');
    }
    return line;
  }
  function pct(v) { return isNum(v) ? (100 * v).toFixed(1) + '%' : 'n/a'; }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function section(id, title, why) {
    var s = el('section', { id: id });
    s.appendChild(el('h2', {}, title));
    if (why) { s.appendChild(el('p', { 'class': 'why' }, why)); }
    main.appendChild(s);
    return s;
  }
  function chart(parent, id, option, points, height) {
    var div = el('div', { id: 'chart-' + id, 'class': 'chart', 'data-chart': id });
    if (height) { div.style.height = height + 'px'; }
    parent.appendChild(div);
    option.animation = false;
    echarts.init(div, null, { renderer: 'svg' }).setOption(option);
    charts[id] = points;
  }
  function trialLabel(t) {
    return 'trial ' + t.trial_id + (t.is_baseline ? ' (baseline)' : '') + (best && t.trial_id === best.trial_id ? ' (best)' : '');
  }
  // A searched value as the console shows it (0.000609 for a draw of 0.000609368453019), rounded once, in Java.
  function paramValue(t, p) { return t.settings_shown[p.name]; }
  function paramText(t) {
    return params.map(function (p) { return p.name + '=' + paramValue(t, p); }).join(' ');
  }
  function numericAxis(values) {
    var nums = values.filter(isNum);
    var min = Math.min.apply(null, nums), max = Math.max.apply(null, nums);
    // Learning rates and L2 penalties are searched over orders of magnitude: a log axis spreads them out.
    return min > 0 && max / min >= 5 ? 'log' : 'value';
  }
  function categories(name) {
    var seen = [];
    trials.forEach(function (t) { var v = String(t[name]); if (seen.indexOf(v) < 0) { seen.push(v); } });
    return seen.sort();
  }

  document.getElementById('title').textContent = 'sparktune: ' + data.name;
  document.getElementById('subtitle').textContent = data.strategy + ' search of the ' + data.network + ', '
      + trials.length + ' trials, '
      + 'searched: ' + (params.map(function (p) { return p.name; }).join(', ') || 'nothing') + '. Report made ' + data.generated + '.';

  // While the search runs: what is training now, what is left, and when it should end.
  var live = data.live;
  if (live) {
    var banner = document.getElementById('live');
    banner.hidden = false;
    banner.className = 'live-' + live.state;
    var left = live.running.length + live.waiting;
    var lines = [];
    if (live.state === 'running') {
      lines.push('Running: ' + live.done + ' trials done, ' + live.running.length + ' running, ' + live.waiting
          + ' waiting (' + live.known + ' asked for so far)' + (isNum(live.eta_seconds)
          ? '; ETA ' + duration(live.eta_seconds) : '') + '. This page reloads every 30 s.');
      live.running.forEach(function (r) { lines.push(runningLine(r)); });
      if (live.confirming) {
        lines.push('Confirming the best on new seeds: ' + live.confirming.done + ' of ' + live.confirming.runs
            + ' runs done, ' + live.confirming.running.length + ' running.');
        live.confirming.running.forEach(function (r) { lines.push(runningLine(r)); });
      }
    } else {
      lines.push('Stopped: ' + (live.stop_reason || live.state) + '; ' + live.done + ' trials done.');
    }
    if (live.best_trial_id !== null && live.best_trial_id !== undefined) {
      lines.push('Best so far: trial ' + live.best_trial_id + ', ' + OBJ.label + ' ' + fmt(live.best_value) + '.');
    }
    lines.forEach(function (text, i) { banner.appendChild(el(i === 0 ? 'b' : 'div', {}, text)); });
    banner.setAttribute('data-left', String(left));
  }

  // Summary cards: the numbers a reader wants first.
  var summary = section('summary', 'Summary');
  var cards = el('div', { 'class': 'cards' });
  function card(value, label) { var c = el('div', { 'class': 'card' }); c.appendChild(el('b', {}, value)); c.appendChild(el('span', {}, label)); cards.appendChild(c); }
  if (confirmed.length) {
    card(objText(best.confirmed_mean) + (isNum(best.confirmed_sd) ? ' ± ' + objText(best.confirmed_sd) : ''),
        'the pick, trial ' + best.trial_id + ': mean ' + OBJ.label + ' over ' + best.confirmed_runs + ' seeds (the search\'s run and new ones)');
  }
  card(scored.length ? objText(obj(scored[0])) : 'n/a', scored.length ? 'best ' + OBJ.label + ' of one run, trial ' + scored[0].trial_id : 'no trial ended with a ' + OBJ.label);
  if (baseline) { card(objText(obj(baseline)), 'baseline (trial ' + baseline.trial_id + ') ' + OBJ.label); }
  var finals = data['final'] || [];
  var finalBest = finals.filter(function (f) { return f.role === 'best'; })[0];
  var finalBase = finals.filter(function (f) { return f.role === 'baseline'; })[0];
  if (finalBest) { card(pct(finalBest.test_accuracy), 'best on the unseen test set (' + finalBest.test_images + ' images)'); }
  if (finalBest && finalBase) {
    card((finalBest.test_accuracy >= finalBase.test_accuracy ? '+' : '') + (100 * (finalBest.test_accuracy - finalBase.test_accuracy)).toFixed(1) + ' pts', 'best over baseline on the test set');
  }
  var counts = {};
  trials.forEach(function (t) { counts[t.status] = (counts[t.status] || 0) + 1; });
  card(Object.keys(counts).map(function (k) { return counts[k] + ' ' + k; }).join(', '), 'trial outcomes');
  // Earlier searches' trials informed TPE (warm start): named apart, never ranked as this search's.
  (data.earlier || []).forEach(function (e) {
    card(e.trials + ' earlier', 'trials of ' + e.folder + ' informed the model (warm start)'
        + (isNum(e.best_objective) ? '; their best ' + OBJ.label + ' ' + objText(e.best_objective) : ''));
  });
  summary.appendChild(cards);

  // Ranking table.
  var ranking = section('ranking', 'Ranking by ' + (confirmed.length ? 'the mean over new seeds, then ' : '') + 'best ' + OBJ.label,
      'Every trial; the best is highlighted in blue, the baseline in yellow. fit is the diagnosis of its learning curve.');
  var wrap = el('div', { 'class': 'scroll' });
  var table = el('table', { id: 'ranking-table' });
  var head = ['#', 'trial'].concat(params.map(function (p) { return p.name; }),
      ['status'], confirmed.length ? ['confirmed mean ± sd (runs)'] : [],
      ['best ' + OBJ.name.replace('_', ' '), 'best epoch', 'val F1', 'fit', 'rung', 'epochs', 'seconds']);
  var tr = el('tr');
  head.forEach(function (h, i) { tr.appendChild(el('th', { 'class': i >= 2 && i < 2 + params.length ? 'text' : '' }, h)); });
  table.appendChild(tr);
  trials.forEach(function (t, i) {
    var row = el('tr', { 'class': t.is_baseline ? 'baseline' : (best && t.trial_id === best.trial_id ? 'best' : '') });
    var cells = [String(i + 1), String(t.trial_id) + (t.is_baseline ? ' (baseline)' : '')]
        .concat(params.map(function (p) { return paramValue(t, p); }),
            [t.status], confirmed.length ? [isNum(t.confirmed_mean) ? meanSd(t) : ''] : [], [fmt(obj(t)), fmt(t.best_epoch), fmt(t.final_val_f1), t.fit || '', fmt(t.rung), fmt(t.epochs_run), fmt(t.train_seconds, 1)]);
    cells.forEach(function (c, j) {
      var td = el('td', { 'class': j >= 2 && j < 2 + params.length ? 'text' : (j === 2 + params.length ? 'status-' + t.status : '') }, c);
      if (j === 2 + params.length && t.error) { td.title = t.error; }
      // The exact value a rounded hyperparameter stands for, on hovering.
      if (j >= 2 && j < 2 + params.length && c !== String(t[params[j - 2].name])) { td.title = String(t[params[j - 2].name]); }
      row.appendChild(td);
    });
    table.appendChild(row);
  });
  wrap.appendChild(table);
  ranking.appendChild(wrap);

  // Optimization history: each trial's value against the core time spent when it finished, and the best
  // so far: the anytime curve by which searches are compared (best found per core-hour).
  var history = section('history', 'Optimization history',
      'Each trial\'s best ' + OBJ.label + ' against the core-seconds the search had spent when it finished, in the order trials finished, and the best so far.');
  var done = scored.slice().sort(function (a, b) { return Date.parse(a.finished_at) - Date.parse(b.finished_at) || a.trial_id - b.trial_id; });
  var cores = data.threads_per_trial || 1;
  var spent = 0;
  var bestSoFar = [], top = OBJ.minimise ? Infinity : -Infinity;
  var points = done.map(function (t) {
    spent += (isNum(t.train_seconds) ? t.train_seconds : 0) * cores;
    // Only a trial that could be the best moves the best so far: a stuck or diverged one is drawn, in its colour.
    if (t.status === 'ok' || t.status === 'pruned') {
      top = OBJ.minimise ? Math.min(top, obj(t)) : Math.max(top, obj(t));
    }
    bestSoFar.push([Math.round(spent), isFinite(top) ? top : null]);
    return { value: [Math.round(spent), obj(t)], name: trialLabel(t) + ' ' + paramText(t), itemStyle: { color: STATUS_COLOR[t.status] || '#333' } };
  });
  chart(history, 'history', {
    tooltip: { trigger: 'item', formatter: function (p) { return p.name + '<br>' + fmt(p.value[1]); } },
    legend: { data: ['trial', 'best so far'] },
    xAxis: { type: 'value', name: 'core-seconds', min: 0 },
    yAxis: { type: 'value', name: OBJ.label, scale: true },
    series: [{ name: 'trial', type: 'scatter', symbolSize: 9, data: points },
             { name: 'best so far', type: 'line', step: 'end', data: bestSoFar, symbol: 'none', lineStyle: { color: '#243b53' } }]
  }, points.length + bestSoFar.length);

  // Several searches' anytime curves on one chart (sparktune report --compare).
  if ((data.compare || []).length) {
    var compare = section('compare', 'Searches compared',
        'The best ' + OBJ.label + ' so far against the core-seconds each search had spent: the search whose curve is higher (lower for a loss) sooner found more per core-hour.');
    var series = data.compare.map(function (c) {
      return { name: c.name + ' (' + c.folder + ')', type: 'line', step: 'end', data: c.points, symbolSize: 6 };
    });
    var drawn = data.compare.reduce(function (n, c) { return n + c.points.length; }, 0);
    chart(compare, 'compare', {
      tooltip: { trigger: 'axis' },
      legend: { data: series.map(function (s) { return s.name; }), type: 'scroll' },
      xAxis: { type: 'value', name: 'core-seconds', min: 0 },
      yAxis: { type: 'value', name: OBJ.label, scale: true },
      series: series
    }, drawn);
  }

  // Each searched hyperparameter against validation accuracy.
  if (params.length) {
    var slices = section('params', 'Hyperparameters against ' + OBJ.label,
        'One point per trial; colour is the trial\'s status (blue ok, grey pruned, orange diverged, violet stuck).');
    var grid = el('div', { 'class': 'grid' });
    slices.appendChild(grid);
    params.forEach(function (p) {
      var numeric = p.kind === 'real' || p.kind === 'integer';
      var cats = numeric ? null : categories(p.name);
      var pts = scored.map(function (t) {
        return { value: [numeric ? t[p.name] : String(t[p.name]), obj(t)], name: trialLabel(t), itemStyle: { color: STATUS_COLOR[t.status] || '#333' } };
      });
      chart(grid, 'param-' + p.name, {
        title: { text: p.name, left: 'center', textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'item', formatter: function (q) { return q.name + '<br>' + p.name + '=' + q.value[0] + '<br>' + fmt(q.value[1]); } },
        xAxis: numeric ? { type: numericAxis(scored.map(function (t) { return t[p.name]; })), name: p.name, scale: true } : { type: 'category', data: cats, name: p.name },
        yAxis: { type: 'value', name: OBJ.name.replace('_', ' '), scale: true },
        series: [{ type: 'scatter', symbolSize: 9, data: pts }]
      }, pts.length);
    });
  }

  // Parallel coordinates: every trial as a line through its values and its accuracy.
  if (params.length) {
    var parallel = section('parallel', 'Parallel coordinates',
        'Every trial as a line across its hyperparameter values to its ' + OBJ.label + '; darker is better.');
    var axes = params.map(function (p, i) {
      var numeric = p.kind === 'real' || p.kind === 'integer';
      return numeric ? { dim: i, name: p.name, type: numericAxis(scored.map(function (t) { return t[p.name]; })), scale: true }
                     : { dim: i, name: p.name, type: 'category', data: categories(p.name) };
    });
    axes.push({ dim: params.length, name: OBJ.name.replace('_', ' '), type: 'value', scale: true });
    var lines = scored.map(function (t) {
      return params.map(function (p) { return p.kind === 'real' || p.kind === 'integer' ? t[p.name] : String(t[p.name]); }).concat([obj(t)]);
    });
    var accs = scored.map(obj);
    chart(parallel, 'parallel', {
      parallelAxis: axes,
      parallel: { left: 60, right: 90, top: 40, bottom: 30 },
      visualMap: { show: true, type: 'continuous', dimension: params.length, min: Math.min.apply(null, accs), max: Math.max.apply(null, accs),
                   inRange: { color: OBJ.minimise ? ['#102a43', '#2680c2', '#d9e2ec'] : ['#d9e2ec', '#2680c2', '#102a43'] }, right: 0, top: 'middle', calculable: false, text: ['better', 'worse'] },
      series: [{ type: 'parallel', lineStyle: { width: 2, opacity: 0.7 }, data: lines }]
    }, lines.length);
  }

  // Hyperparameter importance (computed on the Java side, from the trials).
  if ((data.importance || []).length) {
    var imp = section('importance', 'Hyperparameter importance',
        'Share of the variance in the best ' + OBJ.label + (data.importance_epochs ? ' within the first ' + data.importance_epochs + ' epoch(s) (the first rung, which every trial trained)' : '') + ' each parameter explains on its own (eta squared of a one-way ANOVA over its values, or quartiles for wide ranges), over the trials that reached a validation. With few trials per value it overstates.');
    var sorted = data.importance.slice().reverse();
    chart(imp, 'importance', {
      tooltip: { trigger: 'item', formatter: function (q) { var s = sorted[q.dataIndex]; return s.parameter + ': ' + pct(s.share) + ' of the variance, ' + s.groups + ' groups over ' + s.trials + ' trials'; } },
      grid: { left: 150 },
      xAxis: { type: 'value', max: 1, axisLabel: { formatter: function (v) { return Math.round(100 * v) + '%'; } } },
      yAxis: { type: 'category', data: sorted.map(function (s) { return s.parameter; }) },
      series: [{ type: 'bar', data: sorted.map(function (s) { return s.share; }), itemStyle: { color: '#2680c2' },
                 label: { show: true, position: 'right', formatter: function (q) { return pct(q.value); } } }]
    }, sorted.length);
  }

  // Learning curves of the top trials and the baseline, with their diagnosis.
  if ((data.curves || []).length) {
    var curves = section('curves', 'Learning curves',
        'Training and validation loss (left axis) and validation accuracy (right axis) per epoch, for the best trials and the baseline.');
    var cgrid = el('div', { 'class': 'grid' });
    curves.appendChild(cgrid);
    data.curves.forEach(function (c) {
      var t = trials.filter(function (x) { return x.trial_id === c.trial_id; })[0];
      var epochs = c.epochs.slice().sort(function (a, b) { return a.epoch - b.epoch; });
      function series(name, key, axis) {
        return { name: name, type: 'line', yAxisIndex: axis, data: epochs.map(function (e) { return [e.epoch, e[key]]; }) };
      }
      var s = [series('train loss', 'train_loss', 0), series('val loss', 'val_loss', 0), series('val accuracy', 'val_accuracy', 1)];
      chart(cgrid, 'curve-' + c.trial_id, {
        title: { text: trialLabel(t) + ': ' + (t.fit || 'no diagnosis'), subtext: t.fit_reason || '', left: 'center', textStyle: { fontSize: 13 }, subtextStyle: { width: 380, overflow: 'break' } },
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { top: 95, bottom: 50 },
        xAxis: { type: 'value', name: 'epoch', minInterval: 1 },
        yAxis: [{ type: 'value', name: 'loss', scale: true }, { type: 'value', name: 'accuracy', min: 0, max: 1 }],
        series: s
      }, epochs.length * 3);
    });
  }

  // The final check on the test set.
  if (finals.length) {
    var fin = section('final', 'Best against baseline on the unseen test set',
        'Both retrained on all the search\'s images for the epochs each did best at, then scored once on the test set.');
    var metrics = ['test_accuracy', 'test_precision', 'test_recall', 'test_f1'];
    var bars = finals.map(function (f) {
      return { name: f.role + (f.trial_id === null || f.trial_id === undefined ? '' : ' (trial ' + f.trial_id + ')'), type: 'bar',
               data: metrics.map(function (m) { return f[m]; }), label: { show: true, position: 'top', formatter: function (q) { return fmt(q.value, 3); } } };
    });
    chart(fin, 'final', {
      tooltip: { trigger: 'axis' },
      legend: {},
      xAxis: { type: 'category', data: ['accuracy', 'precision', 'recall', 'F1'] },
      yAxis: { type: 'value', min: 0, max: 1 },
      series: bars
    }, bars.length * metrics.length);
    var cells = data.confusion || [];
    if (cells.length) {
      var classes = [];
      cells.forEach(function (c) { if (classes.indexOf(c.actual) < 0) { classes.push(c.actual); } });
      var maxCount = Math.max.apply(null, cells.map(function (c) { return c.count; }));
      var heat = cells.map(function (c) { return [classes.indexOf(c.predicted), classes.indexOf(c.actual), c.count]; });
      var cm = section('confusion', 'Confusion matrix of the best configuration on the test set',
          'Rows are the true classes, columns the predicted ones.');
      chart(cm, 'confusion', {
        tooltip: { formatter: function (q) { return 'actual ' + classes[q.value[1]] + ', predicted ' + classes[q.value[0]] + ': ' + q.value[2]; } },
        grid: { left: 110, bottom: 90, right: 90 },
        xAxis: { type: 'category', data: classes, name: 'predicted', nameLocation: 'middle', nameGap: 70, axisLabel: { rotate: 40 } },
        yAxis: { type: 'category', data: classes, name: 'actual', inverse: true },
        visualMap: { min: 0, max: maxCount, calculable: false, orient: 'vertical', right: 0, top: 'middle', inRange: { color: ['#f0f4f8', '#2680c2', '#102a43'] } },
        series: [{ type: 'heatmap', data: heat, label: { show: classes.length <= 12 } }]
      }, heat.length, Math.max(340, 40 * classes.length + 140));
      // Each class's recall, the confusion matrix's diagonal over its row: with classes of very different
      // sizes, accuracy hides a class the network never finds.
      var recall = classes.map(function (actual) {
        var row = cells.filter(function (c) { return c.actual === actual; });
        var total = row.reduce(function (sum, c) { return sum + c.count; }, 0);
        var right = row.filter(function (c) { return c.predicted === actual; }).reduce(function (sum, c) { return sum + c.count; }, 0);
        return total ? right / total : 0;
      });
      var mean = recall.reduce(function (a, b) { return a + b; }, 0) / recall.length;
      var rc = section('class-recall', 'Recall of each class, best configuration on the test set',
          'The share of each class\'s test images the network named right; their mean, ' + fmt(mean, 3)
          + ', is the balanced accuracy.');
      chart(rc, 'class-recall', {
        tooltip: { trigger: 'axis' },
        grid: { left: 60, bottom: 90 },
        xAxis: { type: 'category', data: classes, axisLabel: { rotate: 40 } },
        yAxis: { type: 'value', min: 0, max: 1 },
        series: [{ type: 'bar', data: recall, label: { show: classes.length <= 20, position: 'top', formatter: function (q) { return fmt(q.value, 2); } } }]
      }, recall.length);
    }
  }

  document.documentElement.setAttribute('data-charts', JSON.stringify(charts));
})();
