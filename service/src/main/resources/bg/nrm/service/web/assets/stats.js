// Charts of the commission's page, drawn with uPlot from the figures the server put in each chart's data-chart
// attribute (the same figures as the tables below them, which stay the accessible form). A suppressed figure is
// null: the line has a gap there. No inline script: the Content-Security-Policy forbids it.
(function () {
  'use strict';
  // Level colours as on the other pages (words go with them in the legend); other series from a palette that keeps
  // 3:1 contrast against white.
  const COLOURS = { NONE: '#505a5f', LOW: '#00703c', MEDIUM: '#f47738', HIGH: '#d4351c', IMMEDIATE: '#4c2c92' };
  const PALETTE = ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#b58840', '#f499be', '#505a5f', '#28a197', '#912b88'];

  function draw(el) {
    const data = JSON.parse(el.dataset.chart);
    const xs = data.x.map((_, i) => i);
    const height = 280;
    const opts = {
      width: Math.max(280, el.clientWidth),
      height: height,
      scales: { x: { time: false } },
      series: [{ label: '' }].concat(data.series.map((s, i) => ({
        label: s.label,
        stroke: COLOURS[s.key] || PALETTE[i % PALETTE.length],
        width: 2,
        points: { show: true, size: 6 },
        spanGaps: false
      }))),
      axes: [
        { incrs: [1, 2, 3, 6, 12], values: (u, ticks) => ticks.map(t => Number.isInteger(t) ? (data.x[t] || '') : '') },
        { label: data.y, size: 60 }
      ],
      legend: { live: false }
    };
    const plot = new uPlot(opts, [xs].concat(data.series.map(s => s.values)), el);
    let pending = null;
    window.addEventListener('resize', () => {
      clearTimeout(pending);
      pending = setTimeout(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: height }), 150);
    });
    el.dataset.drawn = 'true';
  }

  for (const el of document.querySelectorAll('[data-chart]')) {
    draw(el);
  }
})();
