  // Field naming, shared by the instrumentation and the crawler's typing
  // script, so that a listener's target and a typed field carry the same
  // selector.

  // cssPath returns a short CSS selector for el: its id when unique, else
  // a tag with name or type, else a path of nth-of-type steps.
  function cssPath(el) {
    if (!el || el.nodeType !== 1) {
      return '';
    }
    var doc = el.ownerDocument;
    var esc = function (s) {
      return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(s) : s;
    };
    try {
      if (el.id && doc.querySelectorAll('#' + esc(el.id)).length === 1) {
        return '#' + esc(el.id);
      }
      var tag = el.localName;
      var name = el.getAttribute('name');
      if (name) {
        var byName = tag + '[name="' + name.replace(/"/g, '\\"') + '"]';
        if (doc.querySelectorAll(byName).length === 1) {
          return byName;
        }
      }
    } catch (e) {}
    var steps = [];
    for (var node = el; node && node.nodeType === 1 && steps.length < 5; node = node.parentElement) {
      if (node.id) {
        steps.unshift('#' + esc(node.id));
        break;
      }
      var step = node.localName;
      var parent = node.parentElement;
      if (parent) {
        var same = 0, index = 0;
        for (var c = parent.firstElementChild; c; c = c.nextElementSibling) {
          if (c.localName === node.localName) {
            same++;
            if (c === node) {
              index = same;
            }
          }
        }
        if (same > 1) {
          step += ':nth-of-type(' + index + ')';
        }
      }
      steps.unshift(step);
    }
    return steps.join(' > ');
  }

  // isField tells the elements a shopper types into.
  var typedInputs = { text: 1, email: 1, tel: 1, search: 1, password: 1, number: 1, url: 1 };
  function isField(el) {
    if (!el || el.nodeType !== 1) {
      return false;
    }
    if (el.localName === 'textarea') {
      return true;
    }
    if (el.localName === 'input') {
      return !!typedInputs[(el.getAttribute('type') || 'text').toLowerCase()];
    }
    return el.isContentEditable === true;
  }

  // fieldKind guesses what a field asks for from its type, autocomplete,
  // name, id, placeholder and label words.
  function fieldKind(el) {
    if (!isField(el)) {
      return '';
    }
    var type = (el.getAttribute('type') || '').toLowerCase();
    if (type === 'password') {
      return 'password';
    }
    if (type === 'email') {
      return 'email';
    }
    if (type === 'tel') {
      return 'phone';
    }
    if (type === 'search') {
      return 'search';
    }
    var words = [
      el.getAttribute('autocomplete'), el.getAttribute('name'), el.id,
      el.getAttribute('placeholder'), el.getAttribute('aria-label'), el.className,
    ].join(' ').toLowerCase();
    var kinds = [
      ['password', /pass(word)?|pwd/], ['email', /e-?mail/], ['phone', /phone|tel\b|mobile/],
      ['search', /search|query|\bq\b|find/], ['address', /address|street|city|zip|postal/],
      ['name', /name/], ['chat', /chat|message|msg|ask|question|reply|comment/],
    ];
    for (var i = 0; i < kinds.length; i++) {
      if (kinds[i][1].test(words)) {
        return kinds[i][0];
      }
    }
    if (el.localName === 'textarea' || el.isContentEditable) {
      return 'chat';
    }
    return 'other';
  }

