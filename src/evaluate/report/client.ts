/**
 * The report page's script (plain ES2017, no template literals so it can live in this string): builds the
 * gallery from the inline JSON, switches classes on and off (a `hide-<id>` class on <body>, which the page's
 * CSS turns into `display: none` for that class's boxes), pages through the gallery and runs the viewer
 * (fit / 100%, wheel and button zoom about a point, drag to pan, previous / next page).
 */
export const CLIENT_JS = String.raw`
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var SVGNS = 'http://www.w3.org/2000/svg';
  var cats = {};
  DATA.categories.forEach(function (c) { cats[c.id] = c; });
  var state = { list: DATA.pages.slice(), per: 48, gpage: 0, current: -1, scale: 1, fit: true };
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** SVG of a page's boxes in COCO pixel coordinates, stretched over the image. */
  function overlay(p, id) {
    var svg = document.createElementNS(SVGNS, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + p.w + ' ' + p.h);
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('class', 'boxes');
    if (id) svg.setAttribute('id', id);
    p.boxes.forEach(function (b) {
      var r = document.createElementNS(SVGNS, 'rect');
      r.setAttribute('class', 'box');
      r.setAttribute('data-cat', b[0]);
      r.setAttribute('x', b[1]);
      r.setAttribute('y', b[2]);
      r.setAttribute('width', b[3]);
      r.setAttribute('height', b[4]);
      var t = document.createElementNS(SVGNS, 'title');
      var c = cats[b[0]];
      t.textContent = (c ? c.name : b[0]) + '  [' + b.slice(1).map(Math.round).join(', ') + ']';
      r.appendChild(t);
      svg.appendChild(r);
    });
    return svg;
  }

  function caption(p) {
    var f = el('figcaption');
    f.appendChild(el('b', null, p.file));
    f.appendChild(document.createTextNode(' · ' + p.genre + ' · ' + p.language + ' · ' + p.boxes.length + ' boxes'));
    f.title = p.file + ' (id ' + p.id + '), ' + p.genre + ', ' + p.language + (p.profile ? ', effects ' + p.profile : '') + ', ' + p.boxes.length + ' boxes';
    return f;
  }

  // ---- gallery -------------------------------------------------------------------------------------------
  function pageCount() { return state.per ? Math.max(1, Math.ceil(state.list.length / state.per)) : 1; }

  function renderPagers() {
    var n = state.list.length;
    var per = state.per || n;
    var from = n ? state.gpage * per + 1 : 0;
    var to = Math.min(n, (state.gpage + 1) * per);
    document.querySelectorAll('.pager').forEach(function (pg) {
      pg.textContent = '';
      var mk = function (label, act, disabled, title) {
        var b = el('button', { type: 'button', 'data-act': act, title: title }, label);
        b.disabled = disabled;
        pg.appendChild(b);
      };
      mk('«', 'first', state.gpage === 0, 'First');
      mk('‹', 'prev', state.gpage === 0, 'Previous');
      pg.appendChild(el('span', { class: 'info' }, 'page ' + (state.gpage + 1) + ' of ' + pageCount() + ' · pages ' + from + '–' + to + ' of ' + n + (n < DATA.pages.length ? ' (filtered)' : '')));
      mk('›', 'next', state.gpage >= pageCount() - 1, 'Next');
      mk('»', 'last', state.gpage >= pageCount() - 1, 'Last');
      var sel = el('select', { 'aria-label': 'Pages per screen' });
      [24, 48, 96, 0].forEach(function (k) {
        var o = el('option', { value: String(k) }, k ? k + ' per screen' : 'all');
        if (k === state.per) o.selected = true;
        sel.appendChild(o);
      });
      sel.addEventListener('change', function () { state.per = Number(sel.value); state.gpage = 0; renderGrid(); });
      pg.appendChild(sel);
    });
  }

  function renderGrid() {
    var grid = $('grid');
    grid.textContent = '';
    state.gpage = Math.min(state.gpage, pageCount() - 1);
    var per = state.per || state.list.length;
    var start = state.gpage * per;
    state.list.slice(start, start + per).forEach(function (p, k) {
      var fig = el('figure', { class: 'card', tabindex: '0', 'data-id': String(p.id) });
      var frame = el('div', { class: 'frame' });
      frame.style.aspectRatio = p.w + ' / ' + p.h;
      frame.appendChild(el('img', { src: p.thumb, alt: p.file, decoding: 'async' }));
      frame.appendChild(overlay(p));
      fig.appendChild(frame);
      fig.appendChild(caption(p));
      fig.addEventListener('click', function () { openViewer(start + k); });
      fig.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openViewer(start + k); } });
      grid.appendChild(fig);
    });
    renderPagers();
  }

  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('.pager button');
    if (!b) return;
    var act = b.getAttribute('data-act');
    var last = pageCount() - 1;
    state.gpage = act === 'first' ? 0 : act === 'prev' ? Math.max(0, state.gpage - 1) : act === 'next' ? Math.min(last, state.gpage + 1) : last;
    renderGrid();
    $('gallery').scrollIntoView({ block: 'start' });
  });

  function applyFilter() {
    var g = $('f-genre').value;
    var l = $('f-language').value;
    state.list = DATA.pages.filter(function (p) { return (!g || p.genre === g) && (!l || p.language === l); });
    state.gpage = 0;
    renderGrid();
  }
  $('f-genre').addEventListener('change', applyFilter);
  $('f-language').addEventListener('change', applyFilter);

  // ---- class toggles ---------------------------------------------------------------------------------------
  function setClass(id, on) { document.body.classList.toggle('hide-' + id, !on); }
  document.querySelectorAll('input.cls-toggle').forEach(function (box) {
    box.addEventListener('change', function () { setClass(box.getAttribute('data-cat'), box.checked); });
  });
  function setAll(on) {
    document.querySelectorAll('input.cls-toggle').forEach(function (box) { box.checked = on; setClass(box.getAttribute('data-cat'), on); });
  }
  $('cls-all').addEventListener('click', function () { setAll(true); });
  $('cls-none').addEventListener('click', function () { setAll(false); });

  // ---- box-size histograms ----------------------------------------------------------------------------------
  $('size-class').addEventListener('change', function () {
    var k = $('size-class').value;
    document.querySelectorAll('.hist-set').forEach(function (s) { s.hidden = s.getAttribute('data-k') !== k; });
  });

  // ---- viewer ---------------------------------------------------------------------------------------------
  var viewer = $('viewer');
  var wrap = $('v-wrap');
  var stage = $('v-stage');
  var img = $('v-img');
  var MIN = 0.05;
  var MAX = 8;

  function cur() { return state.list[state.current]; }

  function fitScale(p) {
    var w = wrap.clientWidth - 16;
    var h = wrap.clientHeight - 16;
    return Math.max(MIN, Math.min(w / p.w, h / p.h));
  }

  /** Applies the zoom; (ax, ay): a point of the view (px from its top left) that stays put. */
  function applyZoom(ax, ay) {
    var p = cur();
    if (!p) return;
    var old = stage.offsetWidth / p.w || 1;
    var r = wrap.getBoundingClientRect();
    if (ax === undefined) { ax = r.width / 2; ay = r.height / 2; }
    var sr = stage.getBoundingClientRect();
    var px = (ax + r.left - sr.left) / old;
    var py = (ay + r.top - sr.top) / old;
    var s = state.fit ? fitScale(p) : state.scale;
    state.scale = s;
    stage.style.width = Math.round(p.w * s) + 'px';
    stage.style.height = Math.round(p.h * s) + 'px';
    $('v-zoom').textContent = Math.round(s * 100) + '%';
    $('v-fit').textContent = state.fit ? '100%' : 'Fit';
    var nr = stage.getBoundingClientRect();
    wrap.scrollLeft += nr.left + px * s - (r.left + ax);
    wrap.scrollTop += nr.top + py * s - (r.top + ay);
  }

  function zoomBy(f, ax, ay) {
    state.fit = false;
    state.scale = Math.max(MIN, Math.min(MAX, state.scale * f));
    applyZoom(ax, ay);
  }

  function showPage() {
    var p = cur();
    var n = state.list.length;
    $('v-title').textContent = (state.current + 1) + ' / ' + n + ' · ' + p.file + ' (id ' + p.id + ') · ' + p.genre + ' · ' + p.language + (p.profile ? ' · effects ' + p.profile : '');
    $('v-prev').disabled = state.current <= 0;
    $('v-next').disabled = state.current >= n - 1;
    stage.style.backgroundImage = 'url("' + p.thumb + '")';
    img.onerror = function () {
      img.onerror = null;
      img.src = p.thumb;
      var m = el('span', { class: 'msg' }, 'The full image is not at ' + decodeURI(p.full) + ' (was the report or the run moved?): showing the thumbnail.');
      $('v-info').appendChild(m);
    };
    img.src = p.full;
    img.alt = p.file;
    var old = $('v-svg');
    if (old) old.remove();
    stage.appendChild(overlay(p, 'v-svg'));
    var info = $('v-info');
    info.textContent = '';
    var per = {};
    p.boxes.forEach(function (b) { per[b[0]] = (per[b[0]] || 0) + 1; });
    info.appendChild(el('span', null, p.boxes.length + ' boxes:'));
    DATA.categories.forEach(function (c) {
      if (!per[c.id]) return;
      var s = el('span', { class: 'vcount', 'data-cat': String(c.id) });
      var sw = el('span', { class: 'sw' });
      sw.style.background = c.colour;
      s.appendChild(sw);
      s.appendChild(document.createTextNode(c.name + ' ' + per[c.id]));
      info.appendChild(s);
    });
    state.fit = true;
    applyZoom();
    wrap.scrollTop = 0;
    wrap.scrollLeft = 0;
  }

  function openViewer(i) {
    state.current = i;
    viewer.hidden = false;
    document.body.classList.add('modal');
    showPage();
    $('v-close').focus();
  }
  function closeViewer() {
    viewer.hidden = true;
    document.body.classList.remove('modal');
    img.removeAttribute('src');
    var card = document.querySelector('figure.card[data-id="' + (cur() ? cur().id : '') + '"]');
    if (card) card.focus();
  }
  function step(d) {
    var i = state.current + d;
    if (i < 0 || i >= state.list.length) return;
    state.current = i;
    showPage();
  }

  $('v-prev').addEventListener('click', function () { step(-1); });
  $('v-next').addEventListener('click', function () { step(1); });
  $('v-close').addEventListener('click', closeViewer);
  $('v-in').addEventListener('click', function () { zoomBy(1.25); });
  $('v-out').addEventListener('click', function () { zoomBy(0.8); });
  $('v-fit').addEventListener('click', function () {
    if (state.fit) { state.fit = false; state.scale = 1; } else state.fit = true;
    applyZoom();
  });
  wrap.addEventListener('wheel', function (e) {
    e.preventDefault();
    var r = wrap.getBoundingClientRect();
    var d = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
    zoomBy(Math.exp(-d * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  var drag = null;
  wrap.addEventListener('pointerdown', function (e) {
    if (e.button !== 0) return;
    e.preventDefault();
    drag = { x: e.clientX, y: e.clientY, l: wrap.scrollLeft, t: wrap.scrollTop };
    wrap.classList.add('drag');
  });
  window.addEventListener('pointermove', function (e) {
    if (!drag) return;
    wrap.scrollLeft = drag.l - (e.clientX - drag.x);
    wrap.scrollTop = drag.t - (e.clientY - drag.y);
  });
  window.addEventListener('pointerup', function () { drag = null; wrap.classList.remove('drag'); });
  document.addEventListener('keydown', function (e) {
    if (viewer.hidden) return;
    if (e.key === 'Escape') closeViewer();
    else if (e.key === 'ArrowLeft') step(-1);
    else if (e.key === 'ArrowRight') step(1);
    else if (e.key === '+' || e.key === '=') zoomBy(1.25);
    else if (e.key === '-') zoomBy(0.8);
    else if (e.key === '0') { state.fit = true; applyZoom(); }
    else if (e.key === '1') { state.fit = false; state.scale = 1; applyZoom(); }
    else return;
    e.preventDefault();
  });
  window.addEventListener('resize', function () { if (!viewer.hidden && state.fit) applyZoom(); });

  renderGrid();
  document.documentElement.setAttribute('data-ready', '1');
})();
`;
