/* orgdesign explorer: the interactive org chart of one organisation.
 *
 * Reads the JSON in #org-data (written by orgdesign.output.chart.explorer) and builds
 * the page from it. Every piece of data reaches the page through textContent,
 * DOM properties or SVG attributes set by script, never parsed as markup.
 *
 * Positions: none computed here. data.drawing is the printed chart's layout
 * (orgdesign.layout: boxes, their text lines, solid and dotted line routes with
 * labels, unit frames, in points); this script draws it as it is. Collapsing a
 * box hides the boxes and lines below it; nothing moves. Only the boxes and
 * lines that fall in or near the viewport are in the DOM, so large
 * organisations stay responsive.
 */
(function () {
  'use strict';

  var MARGIN = 400; // screen pixels rendered beyond the viewport edges
  var MIN_K = 0.02, MAX_K = 6; // world units are the printed chart's points
  var FIT_MAX = 1.6, READABLE_K = 0.6; // fitting never enlarges past FIT_MAX; below READABLE_K text is small
  var FIRST_K = 0.3; // the least zoom of the first view of a chart too large to fit readably
  var AUTO_VISIBLE = 250; // without --depth, open as many layers as keep this many boxes
  var REVEAL_MAX = 30; // a search with at most this many matches opens their managers
  var RESULTS_MAX = 50;
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var SEV_RANK = { error: 3, warning: 2, info: 1 };

  var STRINGS = {
    en: {
      search: 'Search name, title or holder…', matches: '{0} matches', match1: '1 match',
      nomatch: 'no match', more: '… and {0} more', zoomIn: 'Zoom in', zoomOut: 'Zoom out',
      fit: 'Fit', expandAll: 'Expand all', collapseAll: 'Collapse', dotted: 'Dotted lines',
      findings: 'Findings', findingsN: 'Findings ({0})', close: 'Close', vacant: 'Vacant',
      vacancies: '{0} vacant', seats: 'seats', unit: 'Unit', reportsTo: 'Reports to',
      dottedTo: 'Dotted line to', dottedReports: 'Dotted-line reports', reports: 'Direct reports', holders: 'Holders',
      responsibilities: 'Responsibilities', projects: 'Projects', kpis: 'KPIs',
      priority: 'Priority rule', noRule: 'No priority rule decides between the lines.',
      escalation: 'Escalation', decides: 'Who decides', solid: 'solid line', dottedLine: 'dotted line',
      none: 'none', all: 'All', error: 'Errors', warning: 'Warnings', info: 'Info',
      noFindings: 'No findings: the organisation passes every rule.',
      noBox: 'not on the chart', showHidden: 'expand to show',
      status: '{0} positions · {1} shown · zoom {2}%', hint: 'drag to pan · wheel to zoom · / to search',
      empty: 'This organisation has no positions.', expand: 'Expand ({0} below)', collapse: 'Collapse',
      dottedReports: 'Dotted-line reports', lead: 'lead', member: 'member', scope: 'in',
      findingsOf: 'Findings', id: 'Id', description: 'Description', cost: 'Cost per seat',
      headcount: 'Seats', stage: 'stage', role: 'role', layer: 'layer {0}', span: 'span {0}',
      team: '{0} positions / {1} seats below', position: 'Place', leads: 'Leads', oversees: 'Oversees',
      finalSay: 'has the final word on: {0}', undecided: 'undecided', arbitrates: 'Arbitrates',
      dimensions: 'Duties by dimension'
    },
    zh: {
      search: '搜索名称、职位或任职者…', matches: '{0} 个结果', match1: '1 个结果',
      nomatch: '无结果', more: '… 另有 {0} 个', zoomIn: '放大', zoomOut: '缩小',
      fit: '适应窗口', expandAll: '全部展开', collapseAll: '收起', dotted: '虚线汇报',
      findings: '检查结果', findingsN: '检查结果（{0}）', close: '关闭', vacant: '空缺',
      vacancies: '{0} 个空缺', seats: '编制', unit: '部门', reportsTo: '实线上级',
      dottedTo: '虚线上级', dottedReports: '虚线下属', reports: '直接下属', holders: '任职者',
      responsibilities: '职责', projects: '项目', kpis: 'KPI',
      priority: '优先级规则', noRule: '没有优先级规则裁决两条汇报线。',
      escalation: '仲裁人', decides: '决定权', solid: '实线上级', dottedLine: '虚线上级',
      none: '无', all: '全部', error: '错误', warning: '警告', info: '提示',
      noFindings: '没有检查结果：组织通过了所有规则。',
      noBox: '不在图中', showHidden: '展开查看',
      status: '{0} 个岗位 · 显示 {1} 个 · 缩放 {2}%', hint: '拖动平移 · 滚轮缩放 · / 搜索',
      empty: '这个组织没有岗位。', expand: '展开（下有 {0} 个）', collapse: '收起',
      dottedReports: '虚线下属', lead: '负责人', member: '成员', scope: '范围',
      findingsOf: '检查结果', id: '编号', description: '说明', cost: '每个编制成本',
      headcount: '编制', stage: '阶段', role: '角色', layer: '第 {0} 层', span: '管理幅度 {0}',
      team: '下属 {0} 个岗位 / {1} 个编制', position: '位置', leads: '负责部门', oversees: '分管',
      finalSay: '最终决定：{0}', undecided: '未裁决', arbitrates: '仲裁',
      dimensions: '职责维度'
    }
  };

  var data = JSON.parse(document.getElementById('org-data').textContent);
  var langTag = String(data.lang || 'en');
  var S = STRINGS[langTag.toLowerCase().split(/[-_]/)[0]] || STRINGS.en;

  function tr(key) {
    var text = S[key] !== undefined ? S[key] : STRINGS.en[key];
    for (var i = 1; i < arguments.length; i++) text = text.split('{' + (i - 1) + '}').join(String(arguments[i]));
    return text;
  }

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ---- model ---------------------------------------------------------------------------

  var units = data.units || {};
  var nodes = new Map();
  var order = [];
  (data.positions || []).forEach(function (p, index) {
    var node = {
      id: p.id, p: p, index: index, parent: null, children: [], depth: 0, expanded: true,
      b: null, vis: false, desc: 0,
      findings: [], match: false, chain: false, hiddenMatch: false, text: ''
    };
    nodes.set(p.id, node);
    order.push(node);
  });
  var roots = [];
  order.forEach(function (node) {
    var parent = node.p.parent ? nodes.get(node.p.parent) : null;
    if (parent && parent !== node) { node.parent = parent; parent.children.push(node); }
    else roots.push(node);
  });
  // depths (pre-order walk) and descendant counts (reverse pre-order)
  var preorder = [];
  (function () {
    var stack = roots.slice().reverse();
    while (stack.length) {
      var node = stack.pop();
      node.depth = node.parent ? node.parent.depth + 1 : 0;
      preorder.push(node);
      for (var i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
    for (var j = preorder.length - 1; j >= 0; j--) {
      var n = preorder[j];
      if (n.parent) n.parent.desc += n.desc + 1;
    }
  })();
  order.forEach(function (node) {
    var p = node.p;
    var unit = p.unit && units[p.unit] ? units[p.unit] : null;
    node.text = [p.title, (p.aka || []).join('\n'), (p.holders || []).join('\n'),
      unit ? unit.name : '', unit && unit.aka ? unit.aka.join('\n') : '', p.id]
      .join('\n').toLowerCase();
  });
  var findings = data.findings || [];
  findings.forEach(function (f, i) {
    f.index = i;
    var node = f.box ? nodes.get(f.box) : null;
    if (node) node.findings.push(f);
  });
  var cards = data.cards || {};

  function label(id) {
    var node = nodes.get(id);
    return node ? node.p.title : id;
  }
  function unitName(id) { return units[id] ? units[id].name : id; }

  // ---- the drawing (laid out by orgdesign.layout, exactly as printed) ------------------

  var drawing = data.drawing || { bounds: [0, 0, 0, 0], boxes: [], lines: [], frames: [] };
  var boxOf = new Map();
  drawing.boxes.forEach(function (b) { if (!b.stub) boxOf.set(b.id, b); });
  order.forEach(function (node) { node.b = boxOf.get(node.id) || null; });
  var BASELINE = 0.94; // baseline below the top of a line box of line-height 1, in em

  function bbox(pts) {
    var r = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    for (var i = 0; i < pts.length; i += 2) {
      r.x1 = Math.min(r.x1, pts[i]); r.x2 = Math.max(r.x2, pts[i]);
      r.y1 = Math.min(r.y1, pts[i + 1]); r.y2 = Math.max(r.y2, pts[i + 1]);
    }
    return r;
  }
  var allEdges = [];
  drawing.lines.forEach(function (l, i) {
    var from = nodes.get(l.s), to = nodes.get(l.t);
    if (!from || !to) return;
    var r = bbox(l.pts), lb = l.label;
    if (lb) {
      r.x1 = Math.min(r.x1, lb.x); r.y1 = Math.min(r.y1, lb.y);
      r.x2 = Math.max(r.x2, lb.x + lb.w); r.y2 = Math.max(r.y2, lb.y + lb.h);
    }
    var d = 'M' + l.pts[0] + ' ' + l.pts[1];
    for (var j = 2; j < l.pts.length; j += 2) d += 'L' + l.pts[j] + ' ' + l.pts[j + 1];
    allEdges.push({
      key: (l.style === 'dotted' ? 'd:' : 's:') + l.s + '>' + l.t + ':' + i, d: d, line: l,
      x1: r.x1, y1: r.y1, x2: r.x2, y2: r.y2, from: from, to: to, dotted: l.style === 'dotted'
    });
  });

  // ---- view state ----------------------------------------------------------------------

  var state = {
    view: { x: 0, y: 0, k: 1 }, selected: null, dotted: true, layoutVersion: 0,
    visible: [], edges: [], query: '', matches: [], cursor: -1,
    findingFilter: 'all', frame: 0
  };
  var mounted = new Map(); // id -> box element
  var paths = new Map(); // edge key -> path element
  var labels = new Map(); // edge key -> label group

  var viewport = $('viewport'), world = $('world'), boxes = $('boxes'), svg = $('edges');
  var frameLayer = document.createElementNS(SVG_NS, 'g');
  var lineLayer = document.createElementNS(SVG_NS, 'g');
  var labelLayer = document.createElementNS(SVG_NS, 'g');
  frameLayer.setAttribute('class', 'frames');
  labelLayer.setAttribute('class', 'labels');
  svg.appendChild(frameLayer); svg.appendChild(lineLayer); svg.appendChild(labelLayer);
  (function () {
    var b = drawing.bounds;
    svg.setAttribute('width', String(b[0] + b[2] + 20));
    svg.setAttribute('height', String(b[1] + b[3] + 20));
  })();

  // ---- what is shown: a collapsed box hides the boxes and lines below it ----------------

  function visibleChildren(node) { return node.expanded ? node.children : []; }

  function layout() {
    var visible = [];
    var stack = roots.slice().reverse();
    while (stack.length) {
      var node = stack.pop();
      if (node.b) visible.push(node);
      var kids = visibleChildren(node);
      for (var i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
    order.forEach(function (n) { n.vis = false; });
    visible.forEach(function (n) { n.vis = true; });
    state.visible = visible;
    state.edges = allEdges.filter(function (e) { return e.from.vis && e.to.vis; });
    showFrames(visible);
    state.layoutVersion++;
  }

  function svgText(t, dx, dy) {
    var text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', String(dx + t[1]));
    text.setAttribute('y', String(dy + t[2]));
    text.setAttribute('font-size', String(t[3]));
    text.setAttribute('fill', t[6]);
    if (t[7]) text.setAttribute('font-weight', 'bold');
    if (t[8]) text.setAttribute('font-style', 'italic');
    if (t[9] !== 'start') text.setAttribute('text-anchor', t[9]);
    text.textContent = t[0];
    return text;
  }

  function drawFrames() {
    drawing.frames.forEach(function (f) {
      var g = document.createElementNS(SVG_NS, 'g');
      var rect = document.createElementNS(SVG_NS, 'rect');
      [['x', f.x], ['y', f.y], ['width', f.w], ['height', f.h], ['rx', 6], ['fill', f.fill],
        ['stroke', f.stroke], ['stroke-width', 0.8]].forEach(function (a) { rect.setAttribute(a[0], String(a[1])); });
      g.appendChild(rect);
      if (f.title) g.appendChild(svgText(f.title, 0, 0));
      g.dataset.unit = f.unit;
      f.el = g;
      frameLayer.appendChild(g);
    });
  }

  function showFrames(visible) {
    // a frame stays while any shown box lies inside it
    drawing.frames.forEach(function (f) {
      var any = visible.some(function (n) {
        var b = n.b;
        return b.x >= f.x && b.y >= f.y && b.x + b.w <= f.x + f.w && b.y + b.h <= f.y + f.h;
      });
      if (f.el) f.el.style.display = any ? '' : 'none';
    });
  }

  function boundsOf(list) {
    var r = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    list.forEach(function (n) {
      var b = n.b;
      r.x1 = Math.min(r.x1, b.x); r.y1 = Math.min(r.y1, b.y);
      r.x2 = Math.max(r.x2, b.x + b.w); r.y2 = Math.max(r.y2, b.y + b.h);
    });
    if (r.x1 === Infinity) return { x: 0, y: 0, w: 1, h: 1 };
    return { x: r.x1 - 8, y: r.y1 - 16, w: r.x2 - r.x1 + 16, h: r.y2 - r.y1 + 28 };
  }

  function shownBounds() { return boundsOf(state.visible); }

  function shownSubtree(node) {
    var out = [], stack = [node];
    while (stack.length) {
      var n = stack.pop();
      if (n.vis && n.b) out.push(n);
      visibleChildren(n).forEach(function (c) { stack.push(c); });
    }
    return out;
  }

  // ---- drawing -------------------------------------------------------------------------

  function schedule() {
    if (state.frame) return;
    state.frame = requestAnimationFrame(function () { state.frame = 0; draw(); });
  }

  function applyTransform() {
    var v = state.view;
    world.style.transform = 'translate(' + v.x + 'px,' + v.y + 'px) scale(' + v.k + ')';
    world.classList.toggle('far', v.k < 0.25);
  }

  function worldRect(margin) {
    var v = state.view, r = viewport.getBoundingClientRect();
    return {
      x1: (-v.x - margin) / v.k, y1: (-v.y - margin) / v.k,
      x2: (r.width - v.x + margin) / v.k, y2: (r.height - v.y + margin) / v.k
    };
  }

  function boxClass(node) {
    var cls = 'box';
    var p = node.p;
    if (!p.holders || !p.holders.length) cls += ' vacant';
    if (p.assistant) cls += ' assistant';
    if (node.children.length && !node.expanded) cls += ' collapsed';
    if (state.selected === node) cls += ' selected';
    if (node.match) cls += ' match';
    if (node.chain) cls += ' chain';
    if (node.hiddenMatch) cls += ' hidden-match';
    if (node.flash) cls += ' flash';
    if (node.findings.length) cls += ' has-badge';
    return cls;
  }

  var ROLE_CLASS = { title: 'title', holders: 'holders', vacant: 'holders vacant', seats: 'seats' };

  function textSpan(t) {
    // the layout measured the line: start it where its anchor puts it, baseline at t[2]
    var span = el('span', 'ln', t[0]);
    var left = t[9] === 'middle' ? t[1] - t[4] / 2 : t[9] === 'end' ? t[1] - t[4] : t[1];
    span.style.left = left + 'px';
    span.style.top = (t[2] - BASELINE * t[3]) + 'px';
    span.style.fontSize = t[3] + 'px';
    span.style.color = t[6];
    if (t[7]) span.style.fontWeight = '700';
    if (t[8]) span.style.fontStyle = 'italic';
    return span;
  }

  function boxText(box, lines) {
    // consecutive lines of one role form one element (a wrapped title is one .title)
    var group = null, role = null;
    lines.forEach(function (t) {
      if (t[5] !== role) {
        role = t[5];
        group = el('div', 'text ' + (ROLE_CLASS[role] || role));
        box.appendChild(group);
      }
      group.appendChild(textSpan(t));
    });
  }

  function makeBox(node) {
    var p = node.p, b = node.b;
    var box = el('div');
    box.dataset.id = node.id;
    box.tabIndex = 0;
    box.setAttribute('role', 'button');
    box.setAttribute('aria-label', p.title);
    box.title = p.title + (p.holders && p.holders.length ? ' — ' + p.holders.join(', ') : '');
    box.style.width = b.w + 'px';
    box.style.height = b.h + 'px';
    box.style.borderColor = b.stroke;
    box.style.transform = 'translate(' + b.x + 'px,' + b.y + 'px)';
    var band = el('div', 'band');
    band.style.height = b.band + 'px';
    band.style.background = b.fill;
    box.appendChild(band);
    boxText(box, b.lines);
    if (node.findings.length) {
      var worst = 'info';
      node.findings.forEach(function (f) { if (SEV_RANK[f.severity] > SEV_RANK[worst]) worst = f.severity; });
      var badge = el('span', 'badge sev-' + worst, node.findings.length);
      badge.title = node.findings.map(function (f) { return f.rule + ' ' + f.message; }).join('\n');
      box.appendChild(badge);
    }
    if (node.children.length) {
      var toggle = el('button', 'toggle');
      toggle.type = 'button';
      box.appendChild(toggle);
    }
    syncBox(node, box);
    return box;
  }

  function syncBox(node, box) {
    box.className = boxClass(node);
    if (node.children.length) {
      var toggle = box.lastChild;
      var text = node.expanded ? '−' : '+' + node.desc;
      if (toggle.textContent !== text) toggle.textContent = text;
      toggle.title = node.expanded ? tr('collapse') : tr('expand', node.desc);
      toggle.setAttribute('aria-expanded', node.expanded ? 'true' : 'false');
    }
  }

  function makeLabel(e) {
    var lb = e.line.label;
    var g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', 'label');
    var rect = document.createElementNS(SVG_NS, 'rect');
    [['x', lb.x], ['y', lb.y], ['width', lb.w], ['height', lb.h]].forEach(function (a) {
      rect.setAttribute(a[0], String(a[1]));
    });
    g.appendChild(rect);
    lb.lines.forEach(function (t) { g.appendChild(svgText(t, lb.x, lb.y)); });
    return g;
  }

  function drawEdges(r) {
    var want = new Set();
    var efrag = document.createDocumentFragment(), lfrag = document.createDocumentFragment();
    state.edges.forEach(function (e) {
      if (e.x2 < r.x1 || e.x1 > r.x2 || e.y2 < r.y1 || e.y1 > r.y2) return;
      if (e.dotted && !state.dotted) return;
      want.add(e.key);
      var path = paths.get(e.key);
      if (!path) {
        path = document.createElementNS(SVG_NS, 'path');
        path.setAttribute('d', e.d);
        path.dataset.from = e.from.id;
        path.dataset.to = e.to.id;
        paths.set(e.key, path);
        efrag.appendChild(path);
        if (e.line.label) { var g = makeLabel(e); labels.set(e.key, g); lfrag.appendChild(g); }
      }
      var cls = e.dotted ? 'dotted' : 'solid';
      if ((e.to.chain || e.to.match) && e.from.chain) cls += ' chain';
      if (path.getAttribute('class') !== cls) path.setAttribute('class', cls);
    });
    paths.forEach(function (path, key) {
      if (want.has(key)) return;
      path.remove(); paths.delete(key);
      var g = labels.get(key);
      if (g) { g.remove(); labels.delete(key); }
    });
    lineLayer.appendChild(efrag);
    labelLayer.appendChild(lfrag);
  }

  function draw() {
    applyTransform();
    var r = worldRect(MARGIN);
    var want = new Set();
    state.visible.forEach(function (n) {
      var b = n.b;
      if (b.x + b.w >= r.x1 && b.x <= r.x2 && b.y + b.h >= r.y1 && b.y <= r.y2) want.add(n.id);
    });
    mounted.forEach(function (box, id) {
      if (!want.has(id)) { box.remove(); mounted.delete(id); }
    });
    var frag = document.createDocumentFragment();
    want.forEach(function (id) {
      var node = nodes.get(id);
      var box = mounted.get(id);
      if (box) syncBox(node, box);
      else { box = makeBox(node); mounted.set(id, box); frag.appendChild(box); }
    });
    boxes.appendChild(frag);
    drawEdges(r);
    updateStatus();
  }

  function updateStatus() {
    $('status').textContent = tr('status', order.length, state.visible.length,
      Math.round(state.view.k * 100)) + '  ·  ' + tr('hint');
  }

  // ---- view changes --------------------------------------------------------------------

  function viewSize() {
    var r = viewport.getBoundingClientRect();
    return { w: r.width, h: r.height };
  }

  function nearestShown(wx, wy) {
    var best = null, bestD = Infinity;
    state.visible.forEach(function (n) {
      var b = n.b;
      var dx = Math.max(b.x - wx, 0, wx - b.x - b.w), dy = Math.max(b.y - wy, 0, wy - b.y - b.h);
      var d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = n; }
    });
    return best;
  }

  function keepABoxInView() {
    // zooming about a point in a gap of the chart must not leave an empty window
    var r = worldRect(0), size = viewSize(), v = state.view;
    if (state.visible.some(function (n) { return inView(n, r); })) return;
    var n = nearestShown((r.x1 + r.x2) / 2, (r.y1 + r.y2) / 2);
    if (!n) return;
    v.x = size.w / 2 - (n.b.x + n.b.w / 2) * v.k;
    v.y = size.h / 2 - (n.b.y + n.b.h / 2) * v.k;
  }

  function inView(n, r) {
    var b = n.b;
    return b.x + b.w > r.x1 && b.x < r.x2 && b.y + b.h > r.y1 && b.y < r.y2;
  }

  function bringIntoView(shown) {
    // boxes never move: when no shown match is in the window, pan to the first one
    var r = worldRect(0);
    if (!shown.length || shown.some(function (n) { return inView(n, r); })) return;
    var size = viewSize(), v = state.view, b = shown[0].b;
    v.x = size.w / 2 - (b.x + b.w / 2) * v.k;
    v.y = size.h / 2 - (b.y + b.h / 2) * v.k;
  }

  function zoomAt(sx, sy, factor) {
    var v = state.view;
    var k = Math.min(MAX_K, Math.max(MIN_K, v.k * factor));
    var f = k / v.k;
    v.x = sx - (sx - v.x) * f;
    v.y = sy - (sy - v.y) * f;
    v.k = k;
    keepABoxInView();
    schedule();
  }

  function zoomCentre(factor) {
    // about the centre of the part of the window no side panel covers
    var s = viewSize(), left = panelWidth('findings'), right = s.w - panelWidth('panel');
    zoomAt((left + right) / 2, s.h / 2, factor);
  }

  function fitK(b, free, h, pad) {
    return Math.min(FIT_MAX, (free - 2 * pad) / Math.max(b.w, 1), (h - 2 * pad) / Math.max(b.h, 1));
  }

  function fit() {
    // every shown box in the part of the window that no side panel covers
    var size = viewSize(), b = shownBounds(), pad = 24;
    var left = panelWidth('findings'), free = Math.max(size.w - left - panelWidth('panel'), 200);
    var k = Math.max(MIN_K, fitK(b, free, size.h, pad));
    state.view.k = k;
    state.view.x = left + (free - b.w * k) / 2 - b.x * k;
    state.view.y = Math.max(pad, (size.h - b.h * k) / 2) - b.y * k;
    schedule();
  }

  function initialView() {
    var size = viewSize(), b = shownBounds(), pad = 24;
    if (fitK(b, size.w, size.h, pad) >= READABLE_K || !roots.length) { fit(); return; }
    // too big to read when fitted: the top row and the whole first (left) subtree,
    // its left edge at the window's, never a subtree cut by the window edge
    var top = roots[0];
    var first = top.children.length && top.expanded ? top.children[0] : top;
    var left = boundsOf(shownSubtree(first));
    var k = Math.min(1, fitK({ w: left.w, h: left.y + left.h - b.y }, size.w, size.h, pad));
    // a first subtree too wide even at FIRST_K cannot be whole: show it readable from its left edge
    // (autoDepth then opened every layer)
    if (k < FIRST_K) k = READABLE_K;
    state.view.k = k;
    state.view.x = pad - Math.min(left.x, b.x) * k;
    state.view.y = pad - b.y * k;
    schedule();
  }

  function centerOn(node) {
    var size = viewSize(), v = state.view, b = node.b;
    if (v.k < 1) v.k = 1.4;
    var offset = panelWidth('findings');
    var free = size.w - panelWidth('panel') - offset;
    v.x = offset + free / 2 - (b.x + b.w / 2) * v.k;
    v.y = size.h / 2 - (b.y + b.h / 2) * v.k;
    schedule();
  }

  function panelWidth(id) {
    return $(id).hidden ? 0 : $(id).getBoundingClientRect().width + 16;
  }

  function keepClearOfPanels(node) {
    // after a click, slide the chart so the clicked box is not under a side panel
    var size = viewSize(), v = state.view, b = node.b;
    var left = panelWidth('findings'), right = size.w - panelWidth('panel');
    var x1 = b.x * v.k + v.x, x2 = (b.x + b.w) * v.k + v.x;
    if (x2 > right - 12) v.x -= x2 - right + 24;
    else if (x1 < left + 12) v.x += left - x1 + 24;
    schedule();
  }

  function reveal(node) {
    var changed = false;
    for (var a = node.parent; a; a = a.parent) {
      if (!a.expanded) { a.expanded = true; changed = true; }
    }
    return changed;
  }

  function relayout() {
    // positions never change: only which boxes and lines are shown
    layout();
    markHiddenMatches();
    draw();
  }

  function toggle(node) {
    node.expanded = !node.expanded;
    relayout();
  }

  function focusNode(node, open) {
    if (reveal(node)) relayout();
    select(node, open !== false);
    centerOn(node);
    draw();
    // a short pulse on the box; boxClass keeps it while the box is redrawn
    clearTimeout(node.flashTimer);
    node.flash = false;
    var box = mounted.get(node.id);
    if (box) { syncBox(node, box); void box.offsetWidth; }
    node.flash = true;
    if (box) syncBox(node, box);
    node.flashTimer = setTimeout(function () {
      node.flash = false;
      var b = mounted.get(node.id);
      if (b) syncBox(node, b);
    }, 1300);
  }

  function setExpandedToDepth(depth) {
    order.forEach(function (n) { n.expanded = n.depth < depth - 1; });
  }

  function autoDepth() {
    // without --depth: as many layers as keep AUTO_VISIBLE boxes, and no more than let the
    // top's first (left) subtree fit the window at FIRST_K (boxes never move, so
    // the first view shows that subtree whole: see initialView)
    var counts = [];
    order.forEach(function (n) { counts[n.depth] = (counts[n.depth] || 0) + 1; });
    var total = 0, depth = 0;
    for (var d = 0; d < counts.length; d++) {
      total += counts[d] || 0;
      if (total > AUTO_VISIBLE && d >= 2) break;
      depth = d + 1;
    }
    depth = Math.max(depth, 2);
    var first = roots.length && roots[0].children.length ? roots[0].children[0] : null;
    if (!first) return depth;
    var below = [], stack = [first], size = viewSize();
    while (stack.length) {
      var n = stack.pop();
      if (n.b) below.push(n);
      n.children.forEach(function (c) { stack.push(c); });
    }
    for (; depth >= 3; depth--) {
      var r = boundsOf(below.filter(function (m) { return m.depth < depth; }));
      if (r.w * FIRST_K <= size.w - 48 && (r.y + r.h) * FIRST_K <= size.h - 48) return depth;
    }
    // so wide that even two layers of it do not fit: open everything, so that the
    // readable first view of its top-left corner is full of boxes, not one box in a void
    return counts.length;
  }

  // ---- selection and the role-card panel -----------------------------------------------

  function select(node, open) {
    state.selected = node;
    mounted.forEach(function (box, id) { syncBox(nodes.get(id), box); });
    if (open) showPanel(node);
  }

  function posLink(id, text) {
    var node = nodes.get(id);
    if (!node) return el('span', null, text || id);
    var link = el('button', 'link', text || node.p.title);
    link.type = 'button';
    link.dataset.focus = id;
    return link;
  }

  function section(body, title) {
    body.appendChild(el('h3', null, title));
  }

  function listOf(items, render) {
    var ul = el('ul');
    items.forEach(function (item) {
      var li = el('li');
      render(li, item);
      ul.appendChild(li);
    });
    return ul;
  }

  function refLink(ref) {
    // a position reference from a role card: {id, title, holders, vacant, known}
    var span = el('span', 'ref');
    span.appendChild(ref.known === false ? el('span', null, ref.title || ref.id) : posLink(ref.id, ref.title));
    var who = ref.holders && ref.holders.length ? ref.holders.join(', ') : (ref.known === false ? '' : tr('vacant'));
    if (who) span.appendChild(el('span', 'who', ' · ' + who));
    return span;
  }

  function chips(parent, items, text) {
    var wrap = el('div', 'chips');
    items.forEach(function (item) { wrap.appendChild(el('span', 'chip', text(item))); });
    parent.appendChild(wrap);
    return wrap;
  }

  function showPanel(node) {
    var p = node.p, body = $('panel-body');
    body.textContent = '';
    var card = cards[node.id] || null;
    var title = el('h2', null, p.title);
    title.id = 'panel-title';
    body.appendChild(title);
    var sub = el('div', 'sub');
    sub.textContent = p.unit ? unitName(p.unit) : '';
    body.appendChild(sub);

    var dl = el('dl');
    function row(key, value) {
      dl.appendChild(el('dt', null, key));
      var dd = el('dd');
      if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
      dl.appendChild(dd);
      return dd;
    }
    row(tr('id'), p.id);
    if (card && card.reports_to) row(tr('reportsTo'), refLink(card.reports_to)).className = 'reports-to';
    else if (p.parent) row(tr('reportsTo'), posLink(p.parent)).className = 'reports-to';
    var seats = p.headcount || 1;
    var holders = p.holders && p.holders.length ? p.holders.join(', ') : tr('vacant');
    row(tr('holders'), holders).className = 'holders';
    var seatText = String(seats);
    if (p.vacancies) seatText += ' · ' + tr('vacancies', p.vacancies);
    row(tr('headcount'), seatText).className = 'seats';
    if (card && card.cost !== null && card.cost !== undefined) row(tr('cost'), Number(card.cost).toLocaleString());
    if (card && card.positioning) {
      var pos = card.positioning;
      var parts = [];
      if (pos.layer) parts.push(tr('layer', pos.layer));
      if (pos.span) parts.push(tr('span', pos.span));
      if (pos.team_positions) parts.push(tr('team', pos.team_positions, pos.team_seats));
      if (parts.length) row(tr('position'), parts.join(' · '));
      if (pos.heads && pos.heads.length) row(tr('leads'), pos.heads.map(function (u) { return u.name; }).join(', '));
      if (pos.oversees && pos.oversees.length) row(tr('oversees'), pos.oversees.map(function (u) { return u.name; }).join(', '));
    }
    body.appendChild(dl);
    if (card && card.description) body.appendChild(el('p', 'description', card.description));

    if (card) renderCard(body, card);
    else basicLines(body, node);

    if (node.findings.length) {
      var fsec = el('section', 'card-findings');
      fsec.appendChild(el('h3', null, tr('findingsOf')));
      fsec.appendChild(listOf(node.findings, function (li, f) {
        li.appendChild(el('span', 'sev sev-' + f.severity + '-text', f.severity + ' '));
        li.appendChild(el('span', null, f.rule + ' — ' + f.message));
      }));
      body.appendChild(fsec);
    }
    var panel = $('panel');
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function basicLines(body, node) {
    var p = node.p;
    if (p.dotted && p.dotted.length) {
      section(body, tr('dottedTo'));
      body.appendChild(listOf(p.dotted, function (li, id) { li.appendChild(posLink(id)); }));
    }
    if (node.children.length) {
      section(body, tr('reports'));
      body.appendChild(listOf(node.children, function (li, c) { li.appendChild(posLink(c.id)); }));
    }
  }

  function deciderText(row) {
    if (row.decider === 'undecided') return null;
    if (row.decider === 'solid') return tr('solid');
    if (row.decider === 'dotted') return tr('dottedLine');
    return null;
  }

  function ruleBox(rule) {
    var box = el('div', 'rule-box');
    var head = el('div');
    head.appendChild(el('strong', null, tr('priority') + ': '));
    head.appendChild(el('span', 'rule-name', rule.name));
    box.appendChild(head);
    if (rule.description) box.appendChild(el('div', 'rule-desc', rule.description));
    var table = el('table');
    (rule.decisions || []).forEach(function (row) {
      var tr1 = el('tr');
      tr1.dataset.domain = row.domain.id;
      tr1.appendChild(el('td', 'domain', row.domain.name));
      var td = el('td', 'decider decider-' + row.decider);
      var kind = deciderText(row);
      if (row.decider === 'undecided') td.appendChild(el('em', 'undecided', tr('undecided')));
      else {
        if (kind) td.appendChild(el('span', 'kind', kind + ': '));
        row.by.forEach(function (ref, i) {
          if (i) td.appendChild(document.createTextNode(', '));
          td.appendChild(ref.known === false ? el('span', null, ref.title) : posLink(ref.id, ref.title));
        });
      }
      tr1.appendChild(td);
      table.appendChild(tr1);
    });
    box.appendChild(el('div', 'decides-head', tr('decides')));
    box.appendChild(table);
    if (rule.escalation) {
      var esc = el('div', 'escalation');
      esc.appendChild(el('span', null, tr('escalation') + ': '));
      esc.appendChild(refLink(rule.escalation));
      box.appendChild(esc);
    }
    return box;
  }

  function renderCard(body, card) {
    var sec;
    if (card.dotted_lines && card.dotted_lines.length) {
      sec = el('section', 'dotted-lines');
      sec.appendChild(el('h3', null, tr('dottedTo')));
      sec.appendChild(listOf(card.dotted_lines, function (li, line) {
        li.appendChild(refLink(line.manager));
        if (line.decides && line.decides.length) {
          li.appendChild(el('div', 'final-say', tr('finalSay', line.decides.map(function (d) { return d.name; }).join(', '))));
        }
      }));
      if (card.priority_rules && card.priority_rules.length) card.priority_rules.forEach(function (rule) { sec.appendChild(ruleBox(rule)); });
      else sec.appendChild(el('p', 'no-rule', tr('noRule')));
      body.appendChild(sec);
    }
    if (card.direct_reports && card.direct_reports.length) {
      sec = el('section', 'direct-reports');
      sec.appendChild(el('h3', null, tr('reports') + ' (' + card.direct_reports.length + ')'));
      sec.appendChild(listOf(card.direct_reports, function (li, ref) { li.appendChild(refLink(ref)); }));
      body.appendChild(sec);
    }
    if (card.dotted_reports && card.dotted_reports.length) {
      sec = el('section', 'dotted-reports');
      sec.appendChild(el('h3', null, tr('dottedReports')));
      sec.appendChild(listOf(card.dotted_reports, function (li, ref) { li.appendChild(refLink(ref)); }));
      body.appendChild(sec);
    }
    if (card.arbitrates && card.arbitrates.length) {
      sec = el('section', 'arbitrates');
      sec.appendChild(el('h3', null, tr('arbitrates')));
      sec.appendChild(listOf(card.arbitrates, function (li, rule) {
        li.appendChild(el('strong', null, rule.name));
        if (rule.positions && rule.positions.length) {
          li.appendChild(document.createTextNode(': '));
          rule.positions.forEach(function (ref, i) {
            if (i) li.appendChild(document.createTextNode(', '));
            li.appendChild(posLink(ref.id, ref.title));
          });
        }
      }));
      body.appendChild(sec);
    }
    sec = el('section', 'responsibilities');
    sec.appendChild(el('h3', null, tr('responsibilities')));
    if (!card.responsibilities || !card.responsibilities.length) sec.appendChild(el('p', 'empty-note', tr('none')));
    (card.responsibilities || []).forEach(function (group) {
      var g = el('div', 'letter-group');
      g.dataset.letter = group.letter;
      var head = el('div', 'letter-head');
      head.appendChild(el('span', 'letter letter-' + group.letter, group.letter));
      head.appendChild(el('strong', null, group.name));
      head.appendChild(el('span', 'muted', ' (' + group.count + ') — ' + group.help));
      g.appendChild(head);
      group.areas.forEach(function (area) {
        var a = el('div', 'resp-area');
        a.appendChild(el('div', 'area', area.name));
        area.items.forEach(function (item) {
          var r = el('div', 'resp');
          r.dataset.responsibility = item.id;
          var name = el('div', 'resp-name', item.name);
          if (item.scope) name.appendChild(el('span', 'muted', ' · ' + tr('scope') + ' ' + item.scope.name));
          if (item.description) name.title = item.description;
          r.appendChild(name);
          if (item.kpis && item.kpis.length) {
            var k = chips(r, item.kpis, function (kpi) { return kpi.name; });
            k.className = 'chips kpis';
            k.insertBefore(el('span', 'muted', tr('kpis') + ': '), k.firstChild);
          }
          if (item.note) r.appendChild(el('div', 'note', item.note));
          a.appendChild(r);
        });
        g.appendChild(a);
      });
      sec.appendChild(g);
    });
    body.appendChild(sec);
    if (card.dimensions && card.dimensions.length) {
      sec = el('section', 'dimensions');
      sec.appendChild(el('h3', null, tr('dimensions')));
      var dl = el('dl');
      card.dimensions.forEach(function (dim) {
        dl.appendChild(el('dt', null, dim.name));
        var dd = el('dd', dim.items.length ? null : 'empty-note');
        dd.textContent = dim.items.length ? dim.items.map(function (i) { return i.letters.join('/') + ' ' + i.name; }).join('; ') : '—';
        dl.appendChild(dd);
      });
      sec.appendChild(dl);
      body.appendChild(sec);
    }
    if (card.kpis && card.kpis.length) {
      sec = el('section', 'kpi-list');
      sec.appendChild(el('h3', null, tr('kpis')));
      card.kpis.forEach(function (family) {
        var f = el('div', 'kpi-family');
        f.appendChild(el('span', 'muted', family.name + ': '));
        family.kpis.forEach(function (kpi) {
          var c = el('span', 'chip', kpi.name);
          if (kpi.from && kpi.from.length) c.title = kpi.from.join('\n');
          f.appendChild(c);
        });
        sec.appendChild(f);
      });
      body.appendChild(sec);
    }
    if (card.projects && card.projects.length) {
      sec = el('section', 'projects');
      sec.appendChild(el('h3', null, tr('projects')));
      sec.appendChild(listOf(card.projects, function (li, project) {
        li.appendChild(el('strong', null, project.name));
        li.appendChild(el('span', 'muted', ' · ' + tr(project.role === 'lead' ? 'lead' : 'member')));
        if (project.lead && project.role !== 'lead') {
          var lead = el('div');
          lead.appendChild(el('span', 'muted', tr('lead') + ': '));
          lead.appendChild(refLink(project.lead));
          li.appendChild(lead);
        }
        if (project.milestones && project.milestones.length) {
          li.appendChild(el('div', 'milestones', project.milestones.map(function (m) {
            return (m.done ? '✓ ' : '○ ') + m.name + (m.due ? ' (' + m.due + ')' : '');
          }).join(' · ')));
        }
        if (project.kpis && project.kpis.length) chips(li, project.kpis, function (kpi) { return kpi.name; });
      }));
      body.appendChild(sec);
    }
  }

  function hidePanel() {
    $('panel').hidden = true;
    if (state.selected) { var n = state.selected; state.selected = null; var b = mounted.get(n.id); if (b) syncBox(n, b); }
  }

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
      head.appendChild(el('span', 'sev sev-' + f.severity + '-text', f.severity + ' '));
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

  function setupEvents() {
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

  // ---- start ---------------------------------------------------------------------------

  setupChrome();
  renderFindingFilter();
  renderFindings();
  if (!order.length) {
    $('empty').textContent = tr('empty');
    $('empty').hidden = false;
  }
  var depth = data.options && data.options.depth ? data.options.depth : autoDepth();
  setExpandedToDepth(depth);
  drawFrames();
  layout();
  setupEvents();
  initialView();
  draw();
  requestAnimationFrame(function () {
    performance.mark('explorer:ready');
    document.documentElement.dataset.ready = 'true';
  });
})();
