// LAB-WRITTEN: Paper Lane's monogram preview. It draws the notebook cover
// on a canvas, writes the shopper's initials on it in gold with a shadow,
// and shows the result as an image. This is a control, the kind of canvas
// editor that draws text in two colours and reads the canvas back, and it
// must not be reported as fingerprinting.
(function () {
  'use strict';
  var preview = document.getElementById('monogram-preview');
  if (!preview) return;
  var cover = new Image();
  cover.onload = function () {
    var canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    var ctx = canvas.getContext('2d');
    ctx.drawImage(cover, 0, 0, canvas.width, canvas.height);
    ctx.font = 'bold 28px Georgia, serif';
    ctx.textAlign = 'center';
    ctx.fillStyle = '#2b1d0e';
    ctx.fillText('P · L', 81, 71);
    ctx.fillStyle = '#c9a94e';
    ctx.fillText('P · L', 80, 70);
    preview.src = canvas.toDataURL('image/png');
  };
  cover.src = '/static/cover.svg';
})();
