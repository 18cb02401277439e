// The text of every Plotly chart on the page, measured in the real browser: tick labels, axis
// titles, legend entries, annotations and titles never on one another (beyond a pixel), none
// outside its chart's svg, and no marker cut by the edge of its plot. Returns a list of problems.
// Used by tests/test_browser_charts.py. Text only: nothing here changes the page.
() => {
  const TOLERANCE = 1;
  const problems = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) return false;
    for (let node = el; node && node.nodeType === 1; node = node.parentNode) {
      const style = getComputedStyle(node);
      if (style.visibility === 'hidden' || style.display === 'none' || parseFloat(style.opacity || '1') < 0.05) {
        return false;
      }
    }
    return true;
  };
  const words = (el) => (el.textContent || '').trim();
  const KINDS = [
    ['tick', '.xaxislayer-above .xtick text, .yaxislayer-above .ytick text'],
    ['axis title', '.g-xtitle text, .g-ytitle text, .g-x2title text, .g-y2title text'],
    ['legend', '.legend .legendtext'],
    ['annotation', '.annotation-text'],
    ['title', '.gtitle'],
  ];
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter(visible);
  plots.forEach((plot, index) => {
    const layout = plot._fullLayout;
    if (!layout) return;
    const heading = (layout.title && layout.title.text || '').replace(/<[^>]+>/g, ' ').trim().slice(0, 40);
    const chart = `chart ${index + 1}${heading ? ` "${heading}"` : ''}`;
    const svg = plot.querySelector('.main-svg').getBoundingClientRect();
    const texts = [];
    for (const [kind, selector] of KINDS) {
      for (const el of plot.querySelectorAll(selector)) {
        if (words(el) && visible(el)) texts.push({ kind, el, text: words(el).slice(0, 30), box: el.getBoundingClientRect() });
      }
    }
    for (const t of texts) {
      const b = t.box;
      if (b.left < svg.left - TOLERANCE || b.right > svg.right + TOLERANCE
          || b.top < svg.top - TOLERANCE || b.bottom > svg.bottom + TOLERANCE) {
        problems.push(`${chart}: ${t.kind} "${t.text}" is outside the chart`);
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].box;
        const b = texts[j].box;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > TOLERANCE && h > TOLERANCE) {
          problems.push(`${chart}: ${texts[i].kind} "${texts[i].text}" overlaps ${texts[j].kind} "${texts[j].text}"`);
        }
      }
    }
    // Markers clipped at the plot's edge read as half a point (or none).
    for (const group of plot.querySelectorAll('.scatterlayer .trace')) {
      const data = group.__data__;
      const trace = data && data[0] && data[0].trace;
      if (!trace || trace.cliponaxis === false || !trace.visible) continue;
      const xa = layout[trace.xaxis.replace('x', 'xaxis')];
      const ya = layout[trace.yaxis.replace('y', 'yaxis')];
      if (!xa || !ya) continue;
      const area = { left: svg.left + xa._offset, right: svg.left + xa._offset + xa._length,
                     top: svg.top + ya._offset, bottom: svg.top + ya._offset + ya._length };
      for (const point of group.querySelectorAll('.points .point')) {
        const p = point.getBoundingClientRect();
        if (!(p.width > 0)) continue;
        if (p.left < area.left - TOLERANCE || p.right > area.right + TOLERANCE
            || p.top < area.top - TOLERANCE || p.bottom > area.bottom + TOLERANCE) {
          problems.push(`${chart}: a marker of "${(trace.name || '').slice(0, 30)}" is cut at the plot's edge`);
          break;
        }
      }
    }
  });
  return problems;
}
