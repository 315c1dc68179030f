// LAB-WRITTEN glue of FreshBasket's basket price trend: a line chart drawn
// by Chart.js (a real npm library) on a canvas in the page. This is a
// control: a chart draws text in many colours on a canvas and measures its
// labels, and must not be reported as fingerprinting.
(function () {
  'use strict';
  var canvas = document.getElementById('price-trend');
  if (!canvas || typeof Chart !== 'function') return;
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug'],
      datasets: [
        { label: 'Weekly basket', data: [54.2, 55.1, 53.8, 56.4, 57.0, 56.2, 58.3, 57.6],
          borderColor: '#2f7d32', backgroundColor: 'rgba(47, 125, 50, 0.15)', fill: true },
        { label: 'Organic basket', data: [68.0, 68.4, 67.9, 69.5, 70.2, 70.0, 71.4, 70.8],
          borderColor: '#c77d1a', backgroundColor: 'rgba(199, 125, 26, 0.15)' }
      ]
    },
    options: {
      responsive: false,
      plugins: { title: { display: true, text: 'Basket price trend (USD)' } },
      scales: { y: { beginAtZero: false } }
    }
  });
})();
