// First-party script of every lab shop: the cart kept in localStorage and,
// on shops without a third-party chat widget, a chat box that sends a
// message only when the shopper presses Send.
(function () {
  'use strict';

  function readCart() {
    try {
      return JSON.parse(localStorage.getItem('cart') || '[]');
    } catch (e) {
      return [];
    }
  }

  function showCount() {
    var el = document.getElementById('cart-count');
    if (el) el.textContent = String(readCart().length);
  }

  function showCart() {
    var list = document.getElementById('cart-items');
    var items = readCart();
    if (!list || items.length === 0) return;
    list.textContent = '';
    items.forEach(function (item) {
      var li = document.createElement('li');
      li.textContent = item.name + ' ' + item.price;
      list.appendChild(li);
    });
  }

  document.addEventListener('click', function (ev) {
    var btn = ev.target.closest && ev.target.closest('button.add');
    if (!btn) return;
    var items = readCart();
    items.push({ slug: btn.dataset.product, name: btn.dataset.name, price: btn.dataset.price });
    localStorage.setItem('cart', JSON.stringify(items));
    showCount();
  });

  function say(who, text) {
    var li = document.createElement('li');
    li.textContent = who + ': ' + text;
    document.getElementById('chat-log').appendChild(li);
  }

  var chat = document.getElementById('chat-form');
  if (chat) {
    chat.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var input = document.getElementById('chat-input');
      var text = input.value.trim();
      if (!text) return;
      say('You', text);
      input.value = '';
      fetch('/api/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ message: text })
      }).then(function (r) { return r.json(); })
        .then(function (data) { say('Shop', data.reply); })
        .catch(function () { say('Shop', 'Sorry, the chat is unavailable.'); });
    });
  }

  showCount();
  showCart();
})();
