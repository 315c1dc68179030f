// LAB-WRITTEN glue of Glowhaus's "Recently viewed" box: the product photo
// is resized in the browser to a small JPEG thumbnail by compressorjs (a
// real npm library: it draws the image on a canvas and exports it). This is
// a control: it uses the canvas innocently and must not be reported as
// fingerprinting.
(function () {
  'use strict';
  var box = document.getElementById('recent-thumb');
  if (!box || typeof Compressor !== 'function') return;
  fetch('/static/product-photo.svg')
    .then(function (r) { return r.blob(); })
    .then(function (photo) {
      new Compressor(photo, {
        maxWidth: 96,
        maxHeight: 96,
        mimeType: 'image/jpeg',
        quality: 0.7,
        success: function (thumb) {
          var img = new Image();
          img.alt = 'Recently viewed';
          img.src = URL.createObjectURL(thumb);
          box.appendChild(img);
        }
      });
    });
})();
