// First-party search suggestions: while the shopper types in the search
// box, the typed text goes to the shop's own /api/suggest and the answers
// show under the box. This sends typed text before any submit, to the
// first party.
(function () {
  'use strict';
  var input = document.getElementById('search');
  var list = document.getElementById('suggestions');
  if (!input || !list) return;
  var timer = 0;
  var latest = '';

  function render(items) {
    list.textContent = '';
    items.forEach(function (item) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = item.url;
      a.textContent = item.name;
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
  }

  function ask(q) {
    latest = q;
    fetch('/api/suggest?q=' + encodeURIComponent(q))
      .then(function (r) { return r.json(); })
      .then(function (data) { if (data.query === latest) render(data.suggestions); })
      .catch(function () { render([]); });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { render([]); return; }
    timer = setTimeout(function () { ask(q); }, 120);
  });
})();
