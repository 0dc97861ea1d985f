// Injected into a copy of the report by scripts/check-report: checks every chart as a person's eye would, after layout
// in a real browser, and writes the findings into the page (read back with --dump-dom).
(function () {
  const problems = [];
  const R = (e) => e.getBoundingClientRect();
  const inside = (a, b, tol) => a.left >= b.left - tol && a.right <= b.right + tol && a.top >= b.top - tol && a.bottom <= b.bottom + tol;
  const meets = (a, b, tol) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > tol && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > tol;
  const name = (t) => (t.getAttribute('class') || 'text') + ' "' + t.textContent.trim().slice(0, 40) + '"';
  const label = (svg) => (svg.getAttribute('aria-label') || 'chart').slice(0, 50);
  const texts = (svg) => [...svg.querySelectorAll('text')].filter(t => t.textContent.trim().length > 0 && R(t).width > 0);
  // Points along a drawn line, in page coordinates (every 2 px of its length).
  const samples = (shape) => {
    const out = [], m = shape.getScreenCTM(), len = shape.getTotalLength();
    for (let d = 0; d <= len; d += 2) {
      const p = shape.getPointAtLength(d);
      out.push({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f });
    }
    return out;
  };
  const hit = (box, pts) => pts.some(p => p.x > box.left + 0.5 && p.x < box.right - 0.5 && p.y > box.top + 0.5 && p.y < box.bottom - 0.5);
  let textCount = 0, checked = 0, charts = 0;

  for (const svg of document.querySelectorAll('body svg')) {
    if (svg.parentElement.closest('svg')) continue;
    charts++;
    const frame = R(svg), all = texts(svg);
    textCount += all.length;
    // 1. Nothing is cut off at the chart's edge.
    for (const t of all) { checked++; if (!inside(R(t), frame, 1)) problems.push(label(svg) + ': cut off at the edge: ' + name(t)); }
    // 2. No two texts lie on each other.
    const boxes = all.map(t => [t, R(t)]);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        checked++;
        if (meets(boxes[i][1], boxes[j][1], 1.5)) problems.push(label(svg) + ': overlap: ' + name(boxes[i][0]) + ' and ' + name(boxes[j][0]));
      }
    }
    // 3. Labels are never on a drawn line or dot they would hide or be hidden by: the emotion row's words against both
    //    curves and their dots; the directly-follows graph's edge labels against the arrowheads.
    const curves = [...svg.querySelectorAll('polyline.observed-curve, polyline.designed-curve')].map(samples);
    const dots = [...svg.querySelectorAll('circle.observed-point, circle.emotion-point')].map(R);
    for (const t of svg.querySelectorAll('text.emotion-label, text.emotion-name')) {
      const b = R(t);
      checked++;
      if (curves.some(c => hit(b, c)) || dots.some(d => meets(b, d, 0.5))) problems.push(label(svg) + ': under an emotion curve or dot: ' + name(t));
    }
    const heads = [...svg.querySelectorAll('path.dfg-edge, path.dfg-loop')].map(p => { const s = samples(p); return s[s.length - 1]; })
      .map(p => ({ left: p.x - 6, right: p.x + 6, top: p.y - 6, bottom: p.y + 6 }));
    for (const t of svg.querySelectorAll('text.dfg-label')) {
      const b = R(t);
      checked++;
      if (heads.some(h => meets(b, h, 0.5))) problems.push(label(svg) + ': on an arrowhead: ' + name(t));
    }
  }

  // The journey map: text in its box, pain points and opportunities in their column, and shown in full.
  const map = document.querySelector('svg[aria-label^="Journey map"]');
  if (!map) { problems.push('no journey map in the page'); }
  else {
    for (const [group, box] of [['g.touchpoint', 'rect'], ['g.stage', 'rect']]) {
      for (const g of map.querySelectorAll(group)) {
        const rect = R(g.querySelector(box));
        for (const t of g.querySelectorAll('text')) { checked++; if (!inside(R(t), rect, 1)) problems.push('map: overflows its box: ' + name(t)); }
      }
    }
    const columns = [...map.querySelectorAll('g.stage rect')].map(R);
    for (const t of map.querySelectorAll('text.pain-text, text.opportunity-text, text.metric')) {
      const r = R(t), col = columns.find(c => r.left >= c.left - 1 && r.left <= c.right);
      checked++;
      if (!col || r.right > col.right + 1) problems.push('map: runs out of its column: ' + name(t));
    }
    const shown = (t) => [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ') || t.textContent;
    for (const [sel, textSel, full] of [
      ['g.stage', 'text.stage-name', g => g.querySelector('title').textContent.split(': ')[0]],
      ['g.pain', 'text.pain-text', g => g.querySelector('title').textContent.replace(/^[^:]*: /, '')],
      ['g.opportunity', 'text.opportunity-text', g => '◆ ' + g.querySelector('title').textContent.replace(/ \(impact [^)]*\)$/, '')],
    ]) {
      for (const g of map.querySelectorAll(sel)) {
        const t = g.querySelector(textSel), want = full(g);
        checked++;
        if (t.querySelector('title')) problems.push('map: shortened: ' + want.slice(0, 60));
        else if (shown(t) !== want) problems.push('map: not shown in full: "' + want.slice(0, 60) + '" shows "' + shown(t).slice(0, 60) + '"');
      }
    }
    // Touchpoint names, not only numbers, on the emotion row.
    const names = new Set([...map.querySelectorAll('text.emotion-name')].map(t => t.textContent.trim()));
    for (const p of map.querySelectorAll('circle.emotion-point')) {
      checked++;
      const title = p.querySelector('title').textContent.replace(/^\d+\. /, '').replace(/: designed .*$/, '');
      if (![...names].some(n => title.startsWith(n.replace(/…$/, '')))) problems.push('map: emotion point without its touchpoint name: ' + title);
    }
  }

  const out = document.createElement('pre');
  out.id = 'layout-check';
  out.textContent = JSON.stringify({ charts, texts: textCount, checked, problems });
  document.body.appendChild(out);
})();
