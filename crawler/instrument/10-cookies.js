  // document.cookie writes name the script that set a cookie.
  if (typeof Document === 'function') {
    hookSetter(Document.prototype, 'cookie', function (value) {
      report({ kind: 'cookie', value: String(value), stack: stack() });
    });
  }
