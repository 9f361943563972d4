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
 * the largest. On load it follows the URL fragment, #search=TEXT and
 * #sort=COLUMN[&desc], through the same handlers as the search box and the
 * headers, then sets data-ready on <html>. Names reach the page only
 * through textContent. It must not contain "</" (that would end the
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
    if (node) node.el = el;
  });

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

  var dragFrom = null;
  svg.addEventListener('pointerdown', function (event) {
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
  svg.addEventListener('pointerup', endDrag);
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

  /* ---- the URL fragment: #search=TEXT, #sort=COLUMN[&desc] ---- */

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
