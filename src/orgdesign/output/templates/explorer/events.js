/* orgdesign explorer: the toolbar's wording and every event handler. */

// ---- events --------------------------------------------------------------------------

function setupChrome() {
  $('org-name').textContent = data.org && data.org.name ? data.org.name : '';
  $('search').placeholder = tr('search');
  $('search').setAttribute('aria-label', tr('search'));
  $('zoom-in').textContent = '+'; $('zoom-in').title = tr('zoomIn');
  $('zoom-out').textContent = '−'; $('zoom-out').title = tr('zoomOut');
  $('fit').textContent = tr('fit');
  $('expand-all').textContent = tr('expandAll');
  $('collapse-all').textContent = tr('collapseAll');
  $('dotted-label').lastChild.textContent = tr('dotted');
  $('findings-title').textContent = tr('findings');
  $('panel-close').textContent = '×'; $('panel-close').title = tr('close');
  $('findings-close').textContent = '×'; $('findings-close').title = tr('close');
  var fb = $('findings-button');
  fb.textContent = tr('findingsN', findings.length);
  var worst = 0;
  findings.forEach(function (f) { worst = Math.max(worst, SEV_RANK[f.severity] || 0); });
  if (worst === 3) fb.classList.add('has-error');
  else if (worst === 2) fb.classList.add('has-warning');
  var anyDotted = order.some(function (n) { return n.p.dotted && n.p.dotted.length; });
  $('dotted-label').hidden = !anyDotted;
}

// Pan by dragging, zoom with the wheel, open a box by click or Enter.
function setupPointer() {
  var drag = null, suppressClick = false;
  viewport.addEventListener('pointerdown', function (e) {
    if (e.button !== 0 || e.target.closest('button')) return;
    drag = { x: e.clientX, y: e.clientY, vx: state.view.x, vy: state.view.y, moved: false, id: e.pointerId };
  });
  viewport.addEventListener('pointermove', function (e) {
    if (!drag || e.pointerId !== drag.id) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 4) {
      drag.moved = true;
      viewport.setPointerCapture(e.pointerId);
      viewport.classList.add('dragging');
    }
    if (drag.moved) { state.view.x = drag.vx + dx; state.view.y = drag.vy + dy; schedule(); }
  });
  function endDrag(e) {
    if (!drag || e.pointerId !== drag.id) return;
    if (drag.moved) suppressClick = true;
    drag = null;
    viewport.classList.remove('dragging');
  }
  viewport.addEventListener('pointerup', endDrag);
  viewport.addEventListener('pointercancel', endDrag);
  viewport.addEventListener('wheel', function (e) {
    e.preventDefault();
    var r = viewport.getBoundingClientRect();
    var dy = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
    zoomAt(e.clientX - r.left, e.clientY - r.top, Math.exp(-dy * 0.0015));
  }, { passive: false });
  boxes.addEventListener('click', function (e) {
    if (suppressClick) { suppressClick = false; return; }
    var box = e.target.closest('.box');
    if (!box) return;
    var node = nodes.get(box.dataset.id);
    if (!node) return;
    if (e.target.closest('.toggle')) { toggle(node); return; }
    select(node, true);
    keepClearOfPanels(node);
  });
  viewport.addEventListener('click', function (e) {
    if (suppressClick) { suppressClick = false; }
  });
  boxes.addEventListener('keydown', function (e) {
    var box = e.target.closest('.box');
    if (!box || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    select(nodes.get(box.dataset.id), true);
  });
}

// The role-card panel and the findings panel.
function setupPanels() {
  $('panel').addEventListener('click', function (e) {
    var link = e.target.closest('[data-focus]');
    if (link && nodes.has(link.dataset.focus)) focusNode(nodes.get(link.dataset.focus), true);
  });
  $('panel-close').addEventListener('click', hidePanel);
  $('findings-close').addEventListener('click', function () { setFindingsOpen(false); });
  $('findings-button').addEventListener('click', function () { setFindingsOpen($('findings').hidden); });
  $('findings-list').addEventListener('click', function (e) {
    var li = e.target.closest('li[data-box]');
    if (!li || !nodes.has(li.dataset.box)) return;
    $('findings-list').querySelectorAll('li.active').forEach(function (x) { x.classList.remove('active'); });
    li.classList.add('active');
    focusNode(nodes.get(li.dataset.box), true);
  });
  $('findings-filter').addEventListener('click', function (e) {
    var b = e.target.closest('button[data-filter]');
    if (!b) return;
    state.findingFilter = b.dataset.filter;
    renderFindingFilter();
    renderFindings();
  });
}

// The search field and its results.
function setupSearch() {
  var search = $('search');
  search.addEventListener('input', function () { runSearch(search.value.trim()); });
  search.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') { e.preventDefault(); nextMatch(e.shiftKey ? -1 : 1); }
    else if (e.key === 'Escape') { search.value = ''; runSearch(''); }
  });
  $('search-results').addEventListener('click', function (e) {
    var li = e.target.closest('li[data-focus]');
    if (!li) return;
    state.cursor = Number(li.dataset.index);
    $('search-results').hidden = true;
    focusNode(nodes.get(li.dataset.focus), true);
  });
  search.addEventListener('focus', function () {
    if (state.query && state.matches.length) $('search-results').hidden = false;
  });
  viewport.addEventListener('pointerdown', function () { $('search-results').hidden = true; });
}

// Zoom, fit, expand, collapse and the dotted-line switch.
function setupToolbar() {
  $('zoom-in').addEventListener('click', function () { zoomCentre(1.25); });
  $('zoom-out').addEventListener('click', function () { zoomCentre(0.8); });
  $('fit').addEventListener('click', fit);
  $('expand-all').addEventListener('click', function () {
    order.forEach(function (n) { n.expanded = true; });
    relayout();
  });
  $('collapse-all').addEventListener('click', function () {
    setExpandedToDepth(2);
    relayout();
    initialView();
    draw();
  });
  $('toggle-dotted').addEventListener('change', function (e) {
    state.dotted = e.target.checked;
    world.classList.toggle('hide-dotted', !state.dotted);
    draw();
  });
}

// Keyboard shortcuts: / search, Escape close, + - 0 zoom; a resize redraws.
function setupKeys() {
  var search = $('search');
  document.addEventListener('keydown', function (e) {
    var typing = e.target instanceof HTMLInputElement;
    if (e.key === '/' && !typing) { e.preventDefault(); search.focus(); search.select(); }
    else if (e.key === 'Escape' && !typing) {
      if (!$('panel').hidden) hidePanel(); else setFindingsOpen(false);
    } else if (!typing && (e.key === '+' || e.key === '=')) zoomCentre(1.25);
    else if (!typing && e.key === '-') zoomCentre(0.8);
    else if (!typing && e.key === '0') fit();
  });
  window.addEventListener('resize', schedule);
}

function setupEvents() {
  setupPointer();
  setupPanels();
  setupSearch();
  setupToolbar();
  setupKeys();
}
