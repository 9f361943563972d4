/* report.js - the script of report.html, embedded into the library at
 * build time (the Makefile, through scripts/embed.sh) and put by
 * write_html.c into a <script> element at the end of the page. Plain
 * JavaScript (no library). It reads the JSON of <script id="pg-data">,
 * builds the rankings and communities tables (the rankings with a column
 * per metric of the data: the ranked ones and the size metric; sortable by
 * a click on a header: numbers as numbers, text by character code, empty
 * cells last, ties in id order), shows a tooltip over a node (a few
 * metrics and the size metric), zooms (wheel, buttons) and pans (drag) by
 * changing the SVG's viewBox, and searches ids and names (substring,
 * ignoring case), marking the matches with the class "hit" and centring
 * the largest. A click on a node selects it: it, its ties and their other
 * ends get the class "near", the rest fades (the class "selecting" on the
 * SVG), and its details (name, id, kind, community, metrics, ties with
 * their types) fill the panel #pg-details; a click on the background or
 * Escape clears. A checkbox per kind of the data shows or hides its nodes
 * with their ties and labels (the class "off"); when nodes (data-date) or
 * ties (data-first) carry dates, a slider shows the network as of a date:
 * what is dated later is off, what is undated always shown. On load it
 * follows the URL fragment, #search=TEXT, #sort=COLUMN[&desc],
 * #hide=KIND,KIND, #asof=YYYY-MM-DD and #select=ID, through the same
 * handlers as the controls, then sets data-ready on <html>. Names reach
 * the page only through textContent. It must not contain "</" (that would end the
 * element): the build refuses it, and tests/outputs/test_html.py checks
 * the page. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('pg-data').textContent);
  var svg = document.getElementById('pg-graph');
  var tip = document.getElementById('pg-tooltip');
  var input = document.getElementById('pg-search');
  var count = document.getElementById('pg-search-count');
  /* The tooltip's metrics: these, and the size metric when it is another. */
  var TIP_METRICS = ['degree', 'betweenness', 'pagerank', 'eigenvector'];
  if (TIP_METRICS.indexOf(data.size_by) < 0) TIP_METRICS.push(data.size_by);
  var byId = new Map();

  /* ---- data ---- */

  function value(node, metric) {
    var i = data.metrics.indexOf(metric);
    return i < 0 ? null : node.values[i];
  }

  /* Integers as they are, other numbers to 4 significant digits. */
  function fmt(x) {
    if (x === null || x === undefined) return '';
    if (typeof x !== 'number' || Number.isInteger(x)) return String(x);
    return String(Number(x.toPrecision(4)));
  }

  function make(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  data.nodes.forEach(function (node, i) {
    node.order = i; /* id order: ties in every sort */
    byId.set(node.id, node);
  });
  svg.querySelectorAll('.node').forEach(function (el) {
    var node = byId.get(el.getAttribute('data-id'));
    if (node) {
      node.el = el;
      node.date = el.getAttribute('data-date');
    }
  });
  svg.querySelectorAll('.labels text').forEach(function (el) {
    var node = byId.get(el.getAttribute('data-id'));
    if (node) node.label = el;
  });

  /* The ties: one per <line>, listed at both ends. */
  var ties = [];
  data.nodes.forEach(function (node) { node.ties = []; node.shown = true; });
  svg.querySelectorAll('line').forEach(function (el) {
    var tie = {
      el: el, source: byId.get(el.getAttribute('data-source')), target: byId.get(el.getAttribute('data-target')),
      types: (el.getAttribute('data-types') || '').split(';').filter(Boolean).join(', '),
      direction: el.getAttribute('data-direction'), first: el.getAttribute('data-first'), shown: true
    };
    if (!tie.source || !tie.target) return;
    ties.push(tie);
    tie.source.ties.push(tie);
    tie.target.ties.push(tie);
  });

  /* Sets or clears class `name` on node's shape and label. */
  function mark(node, name, on) {
    if (node.el) node.el.classList.toggle(name, on);
    if (node.label) node.label.classList.toggle(name, on);
  }

  /* ---- zoom and pan: the viewBox changes ---- */

  var box = svg.viewBox.baseVal;
  var home = { x: box.x, y: box.y, w: box.width, h: box.height };
  var view = home;

  function setView(v) {
    view = v;
    svg.setAttribute('viewBox', [v.x, v.y, v.w, v.h].join(' '));
  }

  /* The drawing's coordinates under a mouse event. */
  function pointOf(event) {
    var p = svg.createSVGPoint();
    p.x = event.clientX;
    p.y = event.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }

  /* Zooms by `factor` (< 1: in) keeping point (cx, cy) where it is. */
  function zoom(factor, cx, cy) {
    var w = Math.min(Math.max(view.w * factor, home.w / 50), home.w * 4);
    var k = w / view.w;
    setView({ x: cx - (cx - view.x) * k, y: cy - (cy - view.y) * k, w: w, h: view.h * k });
  }

  function centreOn(el) {
    var b = el.getBBox();
    setView({ x: b.x + b.width / 2 - view.w / 2, y: b.y + b.height / 2 - view.h / 2, w: view.w, h: view.h });
  }

  svg.addEventListener('wheel', function (event) {
    event.preventDefault();
    var p = pointOf(event);
    zoom(Math.pow(1.0015, event.deltaY), p.x, p.y);
  }, { passive: false });

  var dragFrom = null, pressed = null;
  svg.addEventListener('pointerdown', function (event) {
    var el = event.target.closest('.node');
    pressed = { x: event.clientX, y: event.clientY, node: el ? byId.get(el.getAttribute('data-id')) : null };
    dragFrom = pointOf(event);
    svg.setPointerCapture(event.pointerId);
    svg.classList.add('dragging');
  });
  svg.addEventListener('pointermove', function (event) {
    if (dragFrom) {
      var p = pointOf(event);
      setView({ x: view.x + dragFrom.x - p.x, y: view.y + dragFrom.y - p.y, w: view.w, h: view.h });
    }
    if (!tip.hidden) moveTip(event);
  });
  function endDrag() {
    dragFrom = null;
    svg.classList.remove('dragging');
  }
  /* A press released where it started is a click: on a node, it selects
   * it; on the background, it clears the selection. */
  svg.addEventListener('pointerup', function (event) {
    var click = pressed && Math.abs(event.clientX - pressed.x) + Math.abs(event.clientY - pressed.y) < 5;
    endDrag();
    if (click) select(pressed.node || null);
    pressed = null;
  });
  svg.addEventListener('pointercancel', endDrag);

  document.querySelectorAll('button[data-zoom]').forEach(function (button) {
    button.addEventListener('click', function () {
      var how = button.getAttribute('data-zoom');
      if (how === 'reset') setView(home);
      else zoom(how === 'in' ? 1 / 1.5 : 1.5, view.x + view.w / 2, view.y + view.h / 2);
    });
  });

  /* ---- tooltips ---- */

  function showTip(node, event) {
    tip.textContent = '';
    tip.appendChild(make('strong', node.name, 'name'));
    tip.appendChild(make('div', node.kind + (node.country !== null ? ', ' + node.country : '')));
    var list = make('dl');
    TIP_METRICS.forEach(function (metric) {
      list.appendChild(make('dt', metric));
      list.appendChild(make('dd', fmt(value(node, metric))));
    });
    list.appendChild(make('dt', 'community'));
    list.appendChild(make('dd', String(node.community)));
    tip.appendChild(list);
    tip.hidden = false;
    moveTip(event);
  }

  function moveTip(event) {
    tip.style.left = event.clientX + 14 + 'px';
    tip.style.top = event.clientY + 14 + 'px';
  }

  svg.addEventListener('pointerover', function (event) {
    var el = event.target.closest('.node');
    if (el) showTip(byId.get(el.getAttribute('data-id')), event);
  });
  svg.addEventListener('pointerout', function (event) {
    if (event.target.closest('.node')) tip.hidden = true;
  });

  /* ---- sortable tables ---- */

  /* A table of `rows` (objects) in `columns` ({key, label, numeric,
   * value(row), cell(row, td)}); clicking a header sorts by it. */
  function sortable(table, columns, rows) {
    var t = { table: table, columns: columns, rows: rows, key: null, desc: false };
    var head = table.createTHead().insertRow();
    columns.forEach(function (column) {
      var th = make('th');
      var button = make('button', column.label);
      button.type = 'button';
      th.setAttribute('data-key', column.key);
      th.setAttribute('aria-sort', 'none');
      if (column.numeric) th.className = 'num';
      button.addEventListener('click', function () {
        sortTable(t, column.key, t.key === column.key ? !t.desc : column.numeric);
      });
      th.appendChild(button);
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (row) {
      row.tr = body.insertRow();
      columns.forEach(function (column) {
        var td = row.tr.insertCell();
        if (column.numeric) td.className = 'num';
        column.cell(row, td);
      });
    });
    return t;
  }

  /* Sorts table `t` by column `key`: numbers as numbers, text by character
   * code; empty cells last either way; ties in the rows' `order`. */
  function sortTable(t, key, desc) {
    var column = t.columns.find(function (c) { return c.key === key; });
    if (!column) return false;
    var rows = t.rows.slice().sort(function (a, b) {
      var x = column.value(a), y = column.value(b);
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
      } else if (x !== y) {
        return (x < y) === desc ? 1 : -1;
      }
      return a.order - b.order;
    });
    var body = t.table.tBodies[0];
    rows.forEach(function (row) { body.appendChild(row.tr); });
    t.table.tHead.querySelectorAll('th').forEach(function (th) {
      var on = th.getAttribute('data-key') === key;
      th.setAttribute('aria-sort', on ? (desc ? 'descending' : 'ascending') : 'none');
    });
    t.key = key;
    t.desc = desc;
    t.table.setAttribute('data-sort', key + (desc ? ' desc' : ''));
    return true;
  }

  function textColumn(key, label, className) {
    return {
      key: key, label: label, numeric: false,
      value: function (row) { return row[key]; },
      cell: function (row, td) {
        td.textContent = row[key] === null ? '' : row[key];
        if (className) td.className = className;
      }
    };
  }

  function numberColumn(key, label, get) {
    return {
      key: key, label: label, numeric: true, value: get,
      cell: function (row, td) {
        var x = get(row);
        td.textContent = fmt(x);
        if (x !== null) td.title = String(x);
      }
    };
  }

  var rankingColumns = [
    numberColumn('rank', '#', function (node) { return node.rank; }),
    textColumn('id', 'id', 'id'),
    textColumn('name', 'name', 'name'),
    textColumn('kind', 'kind'),
    textColumn('country', 'country', 'name')
  ];
  data.metrics.forEach(function (metric) {
    rankingColumns.push(numberColumn(metric, metric, function (node) { return value(node, metric); }));
  });
  rankingColumns.push({
    key: 'community', label: 'community', numeric: true,
    value: function (node) { return node.community; },
    cell: function (node, td) { communityCell(node.community, td); }
  });

  function communityCell(c, td) {
    var swatch = make('span', null, 'swatch');
    if (c >= 0 && c < data.communities.length) swatch.style.background = data.communities[c].color;
    td.appendChild(swatch);
    td.appendChild(document.createTextNode(String(c)));
  }

  var rankings = sortable(document.getElementById('pg-rankings'), rankingColumns, data.nodes);

  /* The communities, each with its members ranked by the size metric. */
  var communities = data.communities.map(function (c, i) {
    return { community: i, size: c.size, members: [], order: i };
  });
  data.nodes.slice().sort(function (a, b) {
    if (a.rank === null || b.rank === null) return a.rank === b.rank ? a.order - b.order : a.rank === null ? 1 : -1;
    return a.rank - b.rank;
  }).forEach(function (node) {
    if (node.community >= 0 && node.community < communities.length) communities[node.community].members.push(node);
  });
  communities.forEach(function (c) {
    var top = c.members.slice(0, 5).map(function (node) { return node.name; });
    c.leading = top.join('; ') + (c.members.length > 5 ? '; ...' : '');
  });
  sortable(document.getElementById('pg-communities'), [
    { key: 'community', label: 'community', numeric: true,
      value: function (c) { return c.community; }, cell: function (c, td) { communityCell(c.community, td); } },
    numberColumn('size', 'size', function (c) { return c.size; }),
    textColumn('leading', 'largest members', 'name')
  ], communities);

  /* ---- search ---- */

  var hits = [];

  /* Marks the nodes whose id or name holds the search text (ignoring
   * case), says how many, and centres the drawing on the largest. */
  function search() {
    hits.forEach(function (node) {
      if (node.el) node.el.classList.remove('hit');
      node.tr.classList.remove('hit');
    });
    var q = input.value.toLowerCase();
    hits = q === '' ? [] : data.nodes.filter(function (node) {
      return node.id.toLowerCase().indexOf(q) >= 0 || node.name.toLowerCase().indexOf(q) >= 0;
    });
    hits.forEach(function (node) {
      if (node.el) node.el.classList.add('hit');
      node.tr.classList.add('hit');
    });
    svg.classList.toggle('searching', hits.length > 0);
    count.textContent = q === '' ? '' : hits.length === 0 ? 'no match' : hits.length === 1 ? '1 match'
      : hits.length + ' matches';
    var first = hits.filter(function (node) { return node.el; }).sort(function (a, b) {
      return (a.rank === null ? Infinity : a.rank) - (b.rank === null ? Infinity : b.rank) || a.order - b.order;
    })[0];
    if (first) centreOn(first.el);
  }
  input.addEventListener('input', search);

  /* ---- selection: a node, its ties and their ends; the rest fades ---- */

  var details = document.getElementById('pg-details');
  var selected = null;

  /* The other end of `tie` from `node`. */
  function other(tie, node) {
    return tie.source === node ? tie.target : tie.source;
  }

  /* Selects `node` (null: nobody): marks it and what it is tied to among
   * what is shown, and fills the panel. */
  function select(node) {
    svg.querySelectorAll('.near, .chosen').forEach(function (el) { el.classList.remove('near', 'chosen'); });
    selected = node && node.shown ? node : null;
    svg.classList.toggle('selecting', selected !== null);
    svg.setAttribute('data-selected', selected ? selected.id : '');
    if (selected === null) {
      details.hidden = true;
      details.textContent = '';
      return;
    }
    mark(selected, 'near', true);
    mark(selected, 'chosen', true);
    selected.ties.forEach(function (tie) {
      if (!tie.shown) return;
      tie.el.classList.add('near');
      mark(other(tie, selected), 'near', true);
    });
    showDetails(selected);
  }

  /* The direction of `tie` seen from `node`: out, in, both ways, or none
   * (a "directed" tie runs from its data-source to its data-target). */
  function arrow(tie, node) {
    if (tie.direction === 'mutual') return '\u2194';
    if (tie.direction === 'directed') return tie.source === node ? '\u2192' : '\u2190';
    return '\u2013';
  }

  function tieItem(tie, node) {
    var li = make('li');
    var button = make('button', other(tie, node).name, 'name');
    button.type = 'button';
    button.addEventListener('click', function () { select(other(tie, node)); });
    li.appendChild(make('span', arrow(tie, node) + ' ', 'arrow'));
    li.appendChild(button);
    li.appendChild(make('span', ' ' + tie.types + (tie.first ? ' (from ' + tie.first + ')' : ''), 'types'));
    return li;
  }

  /* The panel: name, id, kind, country, community, metrics, shown ties. */
  function showDetails(node) {
    details.textContent = '';
    details.appendChild(make('strong', node.name, 'name'));
    var list = make('dl');
    [['id', node.id], ['kind', node.kind], ['country', node.country], ['community', String(node.community)],
      ['date', node.date]].concat(data.metrics.map(function (metric) {
      return [metric, fmt(value(node, metric))];
    })).forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined) return;
      list.appendChild(make('dt', pair[0]));
      list.appendChild(make('dd', pair[1]));
    });
    details.appendChild(list);
    var shown = node.ties.filter(function (tie) { return tie.shown; });
    details.appendChild(make('h3', shown.length === 1 ? '1 tie' : shown.length + ' ties'));
    var items = make('ul', null, 'ties');
    shown.forEach(function (tie) { items.appendChild(tieItem(tie, node)); });
    details.appendChild(items);
    details.hidden = false;
  }

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') select(null);
  });

  /* ---- filters: kinds shown, and the network as of a date ---- */

  var filters = document.getElementById('pg-filters');
  var hiddenKinds = {};
  var asof = null;
  var KIND_ORDER = ['party', 'country', 'mechanism', 'event', 'person', 'node'];

  /* Nodes are shown unless their kind is hidden or they are dated after
   * `asof`; ties when both ends are and they are not dated after it. */
  function applyFilters() {
    data.nodes.forEach(function (node) {
      node.shown = !hiddenKinds[node.kind] && !(asof !== null && node.date && node.date > asof);
      mark(node, 'off', !node.shown);
    });
    ties.forEach(function (tie) {
      tie.shown = tie.source.shown && tie.target.shown && !(asof !== null && tie.first && tie.first > asof);
      tie.el.classList.toggle('off', !tie.shown);
    });
    select(selected);
  }

  /* A checkbox per kind present, in the legend's order. */
  var kinds = [];
  data.nodes.forEach(function (node) { if (kinds.indexOf(node.kind) < 0) kinds.push(node.kind); });
  kinds.sort(function (a, b) {
    var x = KIND_ORDER.indexOf(a), y = KIND_ORDER.indexOf(b);
    return (x < 0 ? 99 : x) - (y < 0 ? 99 : y) || (a < b ? -1 : a > b ? 1 : 0);
  });
  var boxes = kinds.map(function (kind) {
    var label = make('label', null, 'kind');
    var box = make('input');
    box.type = 'checkbox';
    box.checked = true;
    box.value = kind;
    box.addEventListener('change', function () {
      hiddenKinds[kind] = !box.checked;
      applyFilters();
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(' ' + kind + ' (' +
      data.nodes.filter(function (node) { return node.kind === kind; }).length + ')'));
    filters.appendChild(label);
    return box;
  });

  /* The dates of the data, sorted, for the slider; none: no slider. */
  var dates = [];
  data.nodes.forEach(function (node) { if (node.date) dates.push(node.date); });
  ties.forEach(function (tie) { if (tie.first) dates.push(tie.first); });
  dates = dates.sort().filter(function (d, i) { return i === 0 || d !== dates[i - 1]; });
  var slider = null, sliderText = null;

  /* Shows the network as of `date` (YYYY-MM-DD; null: everything). */
  function asOf(date) {
    asof = date;
    if (slider) {
      var i = 0;
      while (date !== null && i + 1 < dates.length && dates[i + 1] <= date) i++;
      slider.value = String(date === null ? dates.length - 1 : i);
      sliderText.textContent = date === null ? 'all dates' : 'as of ' + date;
    }
    applyFilters();
  }

  if (dates.length > 0) {
    var time = make('label', null, 'time');
    slider = make('input');
    slider.type = 'range';
    slider.id = 'pg-asof';
    slider.min = '0';
    slider.max = String(dates.length - 1);
    slider.step = '1';
    slider.value = slider.max;
    sliderText = make('output', 'all dates');
    sliderText.id = 'pg-asof-date';
    slider.addEventListener('input', function () { asOf(dates[Number(slider.value)]); });
    time.appendChild(document.createTextNode('Time '));
    time.appendChild(slider);
    time.appendChild(sliderText);
    filters.appendChild(time);
  }

  /* ---- the URL fragment: #search=TEXT, #sort=COLUMN[&desc],
   * #hide=KIND,KIND, #asof=YYYY-MM-DD, #select=ID ---- */

  function fromFragment() {
    var params = {};
    location.hash.slice(1).split('&').forEach(function (part) {
      if (part === '') return;
      var at = part.indexOf('=');
      try {
        var key = decodeURIComponent(at < 0 ? part : part.slice(0, at));
        params[key] = at < 0 ? '' : decodeURIComponent(part.slice(at + 1));
      } catch (e) { /* a malformed escape: ignore that part */ }
    });
    if ('sort' in params) sortTable(rankings, params.sort, 'desc' in params);
    if ('hide' in params) {
      var hide = params.hide.split(',');
      boxes.forEach(function (box) {
        box.checked = hide.indexOf(box.value) < 0;
        box.dispatchEvent(new Event('change'));
      });
    }
    if ('asof' in params) asOf(/^\d{4}-\d{2}-\d{2}$/.test(params.asof) ? params.asof : null);
    if ('select' in params) select(byId.get(params.select) || null);
    if ('search' in params) {
      input.value = params.search;
      input.dispatchEvent(new Event('input'));
    }
  }

  sortTable(rankings, 'rank', false);
  fromFragment();
  window.addEventListener('hashchange', fromFragment);
  document.documentElement.setAttribute('data-ready', 'true');
})();
