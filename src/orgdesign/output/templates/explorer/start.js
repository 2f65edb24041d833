/* orgdesign explorer: start-up, once every other file has been read. */

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
