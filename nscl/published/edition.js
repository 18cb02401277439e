// Draws each chart from the JSON beside it; the table under it holds the same figures.
(function () {
  if (!window.Plotly) return;
  document.querySelectorAll("[data-figure]").forEach(function (box) {
    var source = document.getElementById(box.getAttribute("data-figure"));
    if (!source) return;
    var figure = JSON.parse(source.textContent);
    var layout = figure.layout || {};
    layout.autosize = true;
    delete layout.width;
    Plotly.newPlot(box, figure.data || [], layout, {responsive: true, displayModeBar: false});
  });
})();
