/* orgdesign explorer: constants, the data, the translation lookup and the model.
 *
 * Reads the JSON in #org-data (written by orgdesign.output.chart.explorer). Its
 * `strings` are the explorer's wording in the page's language, from the same
 * message catalogue as every other output (orgdesign/i18n/messages/explorer.yaml).
 * Every piece of data reaches the page through textContent, DOM properties or SVG
 * attributes set by script, never parsed as markup.
 */

var MARGIN = 400; // screen pixels rendered beyond the viewport edges
var MIN_K = 0.02, MAX_K = 6; // world units are the printed chart's points
var FIT_MAX = 1.6, READABLE_K = 0.6; // fitting never enlarges past FIT_MAX; below READABLE_K text is small
var FIRST_K = 0.3; // the least zoom of the first view of a chart too large to fit readably
var AUTO_VISIBLE = 250; // without --depth, open as many layers as keep this many boxes
var REVEAL_MAX = 30; // a search with at most this many matches opens their managers
var RESULTS_MAX = 50;
var SVG_NS = 'http://www.w3.org/2000/svg';
var SEV_RANK = { error: 3, warning: 2, info: 1 };

var data = JSON.parse(document.getElementById('org-data').textContent);
var S = data.strings || {}; // the explorer's wording in the page's language

function tr(key) {
  var text = S[key] !== undefined ? S[key] : key;
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
