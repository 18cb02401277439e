// What a leader would misread on a page, found in the real browser; returns a list of problems.
// Used by tests/test_browser_layout.py. Text only: nothing here changes the page.
() => {
  const problems = [];
  const box = (el) => el.getBoundingClientRect();
  const visible = (el) => {
    const r = box(el);
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none'
      && parseFloat(style.opacity || '1') > 0.05;
  };
  const overlap = (a, b) => {
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 2 && h > 2 ? w * h : 0;
  };
  const name = (el) => (el.textContent || '').trim().slice(0, 40);

  // A page that broke shows Streamlit's exception box instead of its content.
  for (const el of document.querySelectorAll('[data-testid="stException"]')) {
    problems.push(`exception shown: "${(el.textContent || '').trim().slice(0, 120)}"`);
  }
  // The page never scrolls sideways (a phone shows every number and badge).
  if (document.documentElement.scrollWidth > window.innerWidth + 2) {
    problems.push(`page wider than the screen: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
  }
  // Text cut by its own box: metric values, headings, badges.
  for (const el of document.querySelectorAll('[data-testid="stMetricValue"], h1, h2, h3, .slide .badge')) {
    if (visible(el) && el.scrollWidth > el.clientWidth + 2 && getComputedStyle(el).overflow !== 'visible') {
      problems.push(`text clipped: "${name(el)}"`);
    }
  }

  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    if (!visible(plot)) continue;
    const layout = plot._fullLayout;
    if (!layout) continue;
    const title = (layout.title && layout.title.text || '').replace(/<[^>]+>/g, ' ').slice(0, 40);
    const svg = box(plot.querySelector('.main-svg'));
    // Axes: no label twice, whole numbers on count axes.
    for (const key of Object.keys(layout).filter((k) => /^[xy]axis\d*$/.test(k))) {
      const axis = layout[key];
      if (!axis || axis.visible === false || !axis._vals) continue;
      const labels = axis._vals.map((v) => (v.text || '').toString()).filter((t) => t !== '');
      const repeated = labels.filter((t, i) => labels.indexOf(t) !== i);
      if (repeated.length) problems.push(`chart "${title}": ${key} repeats tick labels ${[...new Set(repeated)]}`);
      if ((axis.tickformat || '').includes('d') && axis.type === 'linear') {
        const fractional = axis._vals.filter((v) => Math.abs(v.x - Math.round(v.x)) > 1e-9);
        if (fractional.length) problems.push(`chart "${title}": ${key} counts with fractional ticks`);
      }
    }
    // A legend that has to scroll hides series.
    for (const bar of plot.querySelectorAll('.legend .scrollbar')) {
      if (box(bar).height > 0) problems.push(`chart "${title}": the legend scrolls`);
    }
    // Titles, axis titles, annotations and legend entries: inside the chart, not on each other.
    const texts = [...plot.querySelectorAll(
      '.gtitle, .g-xtitle text, .g-ytitle text, .g-x2title text, .g-y2title text, .annotation-text, .legendtext')]
      .filter((t) => visible(t) && (t.textContent || '').trim());
    for (const t of texts) {
      const r = box(t);
      if (r.left < svg.left - 2 || r.right > svg.right + 2 || r.top < svg.top - 2 || r.bottom > svg.bottom + 2) {
        problems.push(`chart "${title}": "${name(t)}" is cut by the chart's edge`);
      }
    }
    // Tick labels: inside the chart, and neighbours on one axis never touching ("20212022…").
    for (const axis of plot.querySelectorAll('.xaxislayer-above, .yaxislayer-above')) {
      const ticks = [...axis.querySelectorAll('.xtick text, .ytick text')]
        .filter((t) => visible(t) && (t.textContent || '').trim());
      // Labels Plotly turned to make room: their boxes overlap, their letters do not.
      const turned = ticks.some((t) => /rotate\((?!0[,)])/.test(t.getAttribute('transform') || ''));
      for (const t of ticks) {
        const r = box(t);
        if (r.left < svg.left - 2 || r.right > svg.right + 2) {
          problems.push(`chart "${title}": tick label "${name(t)}" is cut by the chart's edge`);
        }
      }
      const boxes = ticks.map(box);
      for (let i = 0; i < (turned ? 0 : boxes.length); i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const w = Math.min(boxes[i].right, boxes[j].right) - Math.max(boxes[i].left, boxes[j].left);
          const h = Math.min(boxes[i].bottom, boxes[j].bottom) - Math.max(boxes[i].top, boxes[j].top);
          // Side by side closer than 5 px reads as one word; one above the other, a text box holds
          // the font's empty ascent and descent, so only more than 6 px of overlap is letters on letters.
          const sideBySide = Math.abs(boxes[i].top - boxes[j].top) < 2;
          if (sideBySide ? (w > -5 && h > 2) : (w > 2 && h > 6)) {
            problems.push(`chart "${title}": tick labels "${name(ticks[i])}" and "${name(ticks[j])}" touch`);
          }
        }
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        if (texts[i].contains(texts[j]) || texts[j].contains(texts[i])) continue;
        if (overlap(box(texts[i]), box(texts[j])) > 20) {
          problems.push(`chart "${title}": "${name(texts[i])}" overlaps "${name(texts[j])}"`);
        }
      }
    }
  }
  return problems;
}
