/* orgdesign explorer: search and the findings panel. */

// ---- search --------------------------------------------------------------------------

function runSearch(query) {
  var t0 = performance.now();
  state.query = query;
  var tokens = query.toLowerCase().split(/\s+/).filter(Boolean);
  order.forEach(function (n) { n.match = false; n.chain = false; n.hiddenMatch = false; });
  var matches = [];
  if (tokens.length) {
    order.forEach(function (n) {
      for (var i = 0; i < tokens.length; i++) if (n.text.indexOf(tokens[i]) < 0) return;
      n.match = true;
      matches.push(n);
    });
    matches.forEach(function (n) {
      for (var a = n.parent; a && !a.chain; a = a.parent) a.chain = true;
    });
  }
  state.matches = matches;
  state.cursor = -1;
  world.classList.toggle('searching', tokens.length > 0);
  var changed = false;
  if (matches.length && matches.length <= REVEAL_MAX) {
    matches.forEach(function (n) { if (reveal(n)) changed = true; });
  }
  if (changed) layout();
  bringIntoView(matches.filter(function (n) { return n.vis; }));
  markHiddenMatches();
  showResults(matches, tokens.length > 0);
  mounted.forEach(function (box, id) { syncBox(nodes.get(id), box); });
  draw();
  performance.measure('explorer:search', { start: t0, end: performance.now() });
}

function markHiddenMatches() {
  order.forEach(function (n) { n.hiddenMatch = n.chain && n.vis && !n.expanded; });
}

function showResults(matches, active) {
  var count = $('search-count'), list = $('search-results');
  list.textContent = '';
  if (!active) { count.textContent = ''; list.hidden = true; return; }
  count.textContent = matches.length === 0 ? tr('nomatch') : matches.length === 1 ? tr('match1') : tr('matches', matches.length);
  matches.slice(0, RESULTS_MAX).forEach(function (n, i) {
    var li = el('li');
    li.dataset.focus = n.id;
    li.dataset.index = String(i);
    li.appendChild(el('div', null, n.p.title));
    var sub = [];
    if (n.p.holders && n.p.holders.length) sub.push(n.p.holders.join(', '));
    if (n.p.unit) sub.push(unitName(n.p.unit));
    li.appendChild(el('div', 'sub', sub.join(' · ')));
    list.appendChild(li);
  });
  if (matches.length > RESULTS_MAX) list.appendChild(el('li', 'more', tr('more', matches.length - RESULTS_MAX)));
  list.hidden = matches.length === 0;
}

function nextMatch(step) {
  if (!state.matches.length) return;
  state.cursor = (state.cursor + step + state.matches.length) % state.matches.length;
  var items = $('search-results').querySelectorAll('li[data-index]');
  items.forEach(function (li) { li.classList.toggle('active', Number(li.dataset.index) === state.cursor); });
  focusNode(state.matches[state.cursor], true);
}

// ---- findings panel ------------------------------------------------------------------

function renderFindings() {
  var list = $('findings-list');
  list.textContent = '';
  var shown = findings.filter(function (f) { return state.findingFilter === 'all' || f.severity === state.findingFilter; });
  if (!findings.length) list.appendChild(el('li', 'nobox empty-note', tr('noFindings')));
  shown.forEach(function (f) {
    var li = el('li', 'sev-' + f.severity + (f.box && nodes.has(f.box) ? '' : ' nobox'));
    li.dataset.finding = String(f.index);
    if (f.box) li.dataset.box = f.box;
    var head = el('div');
    head.appendChild(el('span', 'sev sev-' + f.severity + '-text', f.severity_name + ' '));
    head.appendChild(el('strong', null, f.rule));
    if (f.element) head.appendChild(el('span', null, ' · ' + (f.box && nodes.has(f.box) ? label(f.box) : f.element)));
    li.appendChild(head);
    li.appendChild(el('div', 'msg', f.message));
    var where = f.file + ':' + f.line + ':' + f.column;
    if (!(f.box && nodes.has(f.box))) where += ' · ' + tr('noBox');
    li.appendChild(el('div', 'where', where));
    list.appendChild(li);
  });
}

function renderFindingFilter() {
  var box = $('findings-filter');
  box.textContent = '';
  var counts = { error: 0, warning: 0, info: 0 };
  findings.forEach(function (f) { counts[f.severity] = (counts[f.severity] || 0) + 1; });
  [['all', tr('all') + ' ' + findings.length], ['error', tr('error') + ' ' + counts.error],
   ['warning', tr('warning') + ' ' + counts.warning], ['info', tr('info') + ' ' + counts.info]]
    .forEach(function (pair) {
      var b = el('button', null, pair[1]);
      b.type = 'button';
      b.dataset.filter = pair[0];
      b.setAttribute('aria-pressed', state.findingFilter === pair[0] ? 'true' : 'false');
      box.appendChild(b);
    });
}

function setFindingsOpen(open) {
  $('findings').hidden = !open;
  $('findings-button').setAttribute('aria-expanded', open ? 'true' : 'false');
}
