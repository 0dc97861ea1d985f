// Injected into a copy of the report by scripts/check-report: checks the journey map as a person's eye would, after
// layout in a real browser, and writes the findings into the page (read back with --dump-dom).
(function () {
  const problems = [];
  const svg = document.querySelector('svg[aria-label^="Journey map"]');
  if (!svg) { problems.push('no journey map in the page'); }
  const R = (e) => e.getBoundingClientRect();
  const inside = (a, b, tol) => a.left >= b.left - tol && a.right <= b.right + tol && a.top >= b.top - tol && a.bottom <= b.bottom + tol;
  const name = (t) => (t.getAttribute('class') || 'text') + ' "' + t.textContent.trim().slice(0, 40) + '"';
  let texts = 0, checked = 0;
  if (svg) {
    // 1. Text stays inside its box: card names in their cards, stage names and goals in their headers.
    for (const [group, box] of [['g.touchpoint', 'rect'], ['g.stage', 'rect']]) {
      for (const g of svg.querySelectorAll(group)) {
        const rect = R(g.querySelector(box));
        for (const t of g.querySelectorAll('text')) { checked++; if (!inside(R(t), rect, 1)) problems.push('overflows its box: ' + name(t)); }
      }
    }
    // ... and pain points, opportunities and metrics in their stage's column.
    const columns = [...svg.querySelectorAll('g.stage rect')].map(R);
    for (const t of svg.querySelectorAll('text.pain-text, text.opportunity-text, text.metric')) {
      const r = R(t), col = columns.find(c => r.left >= c.left - 1 && r.left <= c.right);
      checked++;
      if (!col || r.right > col.right + 1) problems.push('runs out of its column: ' + name(t));
    }
    // 2. No two texts of the map overlap (the legend is laid out in a row of its own and checked too).
    const all = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim().length > 0);
    texts = all.length;
    const boxes = all.map(t => [t, R(t)]);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i][1], b = boxes[j][1];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1.5 && h > 1.5) problems.push('overlap: ' + name(boxes[i][0]) + ' and ' + name(boxes[j][0]));
      }
    }
    // 3. Every stage name, pain point and opportunity is in the page in full (its lines joined), unless shortened on
    //    purpose past its line limit — then its tooltip holds it whole.
    const shown = (t) => [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ') || t.textContent;
    for (const [sel, textSel, full] of [
      ['g.stage', 'text.stage-name', g => g.querySelector('title').textContent.split(': ')[0]],
      ['g.pain', 'text.pain-text', g => g.querySelector('title').textContent.replace(/^[^:]*: /, '')],
      ['g.opportunity', 'text.opportunity-text', g => '◆ ' + g.querySelector('title').textContent.replace(/ \(impact [^)]*\)$/, '')],
    ]) {
      for (const g of svg.querySelectorAll(sel)) {
        const t = g.querySelector(textSel), want = full(g);
        checked++;
        if (t.querySelector('title')) problems.push('shortened: ' + want.slice(0, 60));
        else if (shown(t) !== want) problems.push('not shown in full: "' + want.slice(0, 60) + '" shows "' + shown(t).slice(0, 60) + '"');
      }
    }
  }
  const out = document.createElement('pre');
  out.id = 'layout-check';
  out.textContent = JSON.stringify({ texts, checked, problems });
  document.body.appendChild(out);
})();
