/* orgdesign explorer: pan, zoom, fit, the first view, collapsing and focusing a box. */

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
