  // Fonts: the Font Loading API's check and load, and width probing, where
  // a script gives elements font families and measures them. Chrome keeps
  // style properties off the prototype, so a measurement is counted when
  // the element measured has an inline font family, which is read then;
  // ordinary layout code measuring other elements costs a lookup.
  (function () {
    var fp = fpkit;
    var getDesc = fp.getDesc;
    var faces = g.FontFaceSet && g.FontFaceSet.prototype;
    ['check', 'load'].forEach(function (m) {
      fp.method(faces, m, 'FontFaceSet.' + m, function (set, args) {
        fp.note('FontFaceSet.' + m, fp.clip(args[0], 80));
      });
    });

    var HTML = g.HTMLElement;
    var styleGet = HTML && getDesc(HTML.prototype, 'style');
    styleGet = styleGet && styleGet.get && fp.uncurry(styleGet.get);
    var decl = g.CSSStyleDeclaration && g.CSSStyleDeclaration.prototype;
    var propertyValue = decl && decl.getPropertyValue && fp.uncurry(decl.getPropertyValue);
    if (!styleGet || !propertyValue) {
      return;
    }
    function family(el) {
      return propertyValue(styleGet(el), 'font-family');
    }
    function measured(api) {
      return function (el) {
        var f = family(el);
        if (f) {
          fp.note(api, fp.clip(f, 80));
        }
      };
    }
    ['offsetWidth', 'offsetHeight'].forEach(function (p) {
      fp.accessor(HTML.prototype, p, 'HTMLElement.' + p, measured('HTMLElement.' + p));
    });
    var measureRect = measured('Element.getBoundingClientRect');
    fp.method(g.Element && g.Element.prototype, 'getBoundingClientRect',
      'Element.getBoundingClientRect', function (el) {
        if (el instanceof HTML) {
          measureRect(el);
        }
      });
  })();
