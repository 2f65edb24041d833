/* orgdesign explorer: view state, what is shown, and drawing the boxes and lines.
 *
 * Positions: none computed here. data.drawing is the printed chart's layout
 * (orgdesign.layout: boxes, their text lines, solid and dotted line routes with
 * labels, unit frames, in points); it is drawn as it is. Collapsing a box hides
 * the boxes and lines below it; nothing moves. Only the boxes and lines that fall
 * in or near the viewport are in the DOM, so large organisations stay responsive.
 */

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
