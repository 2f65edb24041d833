/* orgdesign explorer: selection and the role-card panel. */

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
      li.appendChild(el('span', 'sev sev-' + f.severity + '-text', f.severity_name + ' '));
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
  head.appendChild(el('strong', null, tr('label', tr('priority'))));
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
      if (kind) td.appendChild(el('span', 'kind', tr('label', kind)));
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
    esc.appendChild(el('span', null, tr('label', tr('escalation'))));
    esc.appendChild(refLink(rule.escalation));
    box.appendChild(esc);
  }
  return box;
}

// A titled section of the card listing `items`, each drawn by render(li, item); none when empty.
function listSection(body, cls, title, items, render) {
  if (!items || !items.length) return null;
  var sec = el('section', cls);
  sec.appendChild(el('h3', null, title));
  sec.appendChild(listOf(items, render));
  body.appendChild(sec);
  return sec;
}

function refItem(li, ref) { li.appendChild(refLink(ref)); }

function dottedLineItem(li, line) {
  li.appendChild(refLink(line.manager));
  if (line.decides && line.decides.length) {
    li.appendChild(el('div', 'final-say', tr('finalSay', line.decides.map(function (d) { return d.name; }).join(', '))));
  }
}

function arbitratesItem(li, rule) {
  li.appendChild(el('strong', null, rule.name));
  if (rule.positions && rule.positions.length) {
    li.appendChild(document.createTextNode(tr('label', '')));
    rule.positions.forEach(function (ref, i) {
      if (i) li.appendChild(document.createTextNode(', '));
      li.appendChild(posLink(ref.id, ref.title));
    });
  }
}

function projectItem(li, project) {
  li.appendChild(el('strong', null, project.name));
  li.appendChild(el('span', 'muted', ' · ' + tr(project.role === 'lead' ? 'lead' : 'member')));
  if (project.lead && project.role !== 'lead') {
    var lead = el('div');
    lead.appendChild(el('span', 'muted', tr('label', tr('lead'))));
    lead.appendChild(refLink(project.lead));
    li.appendChild(lead);
  }
  if (project.milestones && project.milestones.length) {
    li.appendChild(el('div', 'milestones', project.milestones.map(function (m) {
      return (m.done ? '✓ ' : '○ ') + m.name + (m.due ? ' (' + m.due + ')' : '');
    }).join(' · ')));
  }
  if (project.kpis && project.kpis.length) chips(li, project.kpis, function (kpi) { return kpi.name; });
}

function responsibilityItem(item) {
  var r = el('div', 'resp');
  r.dataset.responsibility = item.id;
  var name = el('div', 'resp-name', item.name);
  if (item.scope) name.appendChild(el('span', 'muted', ' · ' + tr('scope') + ' ' + item.scope.name));
  if (item.description) name.title = item.description;
  r.appendChild(name);
  if (item.kpis && item.kpis.length) {
    var k = chips(r, item.kpis, function (kpi) { return kpi.name; });
    k.className = 'chips kpis';
    k.insertBefore(el('span', 'muted', tr('label', tr('kpis'))), k.firstChild);
  }
  if (item.note) r.appendChild(el('div', 'note', item.note));
  return r;
}

function letterGroup(group) {
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
    area.items.forEach(function (item) { a.appendChild(responsibilityItem(item)); });
    g.appendChild(a);
  });
  return g;
}

function responsibilitiesSection(body, card) {
  var sec = el('section', 'responsibilities');
  sec.appendChild(el('h3', null, tr('responsibilities')));
  if (!card.responsibilities || !card.responsibilities.length) sec.appendChild(el('p', 'empty-note', tr('none')));
  (card.responsibilities || []).forEach(function (group) { sec.appendChild(letterGroup(group)); });
  body.appendChild(sec);
}

function dimensionsSection(body, card) {
  if (!card.dimensions || !card.dimensions.length) return;
  var sec = el('section', 'dimensions');
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

function kpiSection(body, card) {
  if (!card.kpis || !card.kpis.length) return;
  var sec = el('section', 'kpi-list');
  sec.appendChild(el('h3', null, tr('kpis')));
  card.kpis.forEach(function (family) {
    var f = el('div', 'kpi-family');
    f.appendChild(el('span', 'muted', tr('label', family.name)));
    family.kpis.forEach(function (kpi) {
      var c = el('span', 'chip', kpi.name);
      if (kpi.from && kpi.from.length) c.title = kpi.from.join('\n');
      f.appendChild(c);
    });
    sec.appendChild(f);
  });
  body.appendChild(sec);
}

function renderCard(body, card) {
  var dotted = listSection(body, 'dotted-lines', tr('dottedTo'), card.dotted_lines, dottedLineItem);
  if (dotted && card.priority_rules && card.priority_rules.length) card.priority_rules.forEach(function (rule) { dotted.appendChild(ruleBox(rule)); });
  else if (dotted) dotted.appendChild(el('p', 'no-rule', tr('noRule')));
  var reports = card.direct_reports || [];
  listSection(body, 'direct-reports', tr('reports') + ' (' + reports.length + ')', reports, refItem);
  listSection(body, 'dotted-reports', tr('dottedReports'), card.dotted_reports, refItem);
  listSection(body, 'arbitrates', tr('arbitrates'), card.arbitrates, arbitratesItem);
  responsibilitiesSection(body, card);
  dimensionsSection(body, card);
  kpiSection(body, card);
  listSection(body, 'projects', tr('projects'), card.projects, projectItem);
}

function hidePanel() {
  $('panel').hidden = true;
  if (state.selected) { var n = state.selected; state.selected = null; var b = mounted.get(n.id); if (b) syncBox(n, b); }
}
