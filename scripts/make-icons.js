'use strict';
/**
 * Draws the Teams app icons into appPackage/:
 *   color.png   192×192, a white chat bubble with a check mark on the brand blue (#0F6CBD);
 *               the symbol stays inside the central 96×96 so Teams can crop the padding
 *   outline.png  32×32, the same bubble and check as white strokes on a transparent background
 * Shapes are described as point-inside tests in pixel units; each pixel is supersampled on a
 * SAMPLES×SAMPLES grid so edges are anti-aliased. Run: node scripts/make-icons.js
 */
const fs = require('node:fs');
const path = require('node:path');
const { PNG } = require('pngjs');

const SAMPLES = 8;
const BRAND_BLUE = [0x0f, 0x6c, 0xbd];
const WHITE = [0xff, 0xff, 0xff];
const OUT_DIR = path.resolve(__dirname, '..', 'appPackage');

/** Signed distance from (x, y) to a rounded rectangle (negative inside). */
function roundedRectDistance(x, y, rect) {
  const cx = rect.left + rect.width / 2;
  const cy = rect.top + rect.height / 2;
  const qx = Math.abs(x - cx) - rect.width / 2 + rect.radius;
  const qy = Math.abs(y - cy) - rect.height / 2 + rect.radius;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - rect.radius;
}

/** Distance from (x, y) to the segment a–b. */
function segmentDistance(x, y, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

/** Distance from (x, y) to an open polyline. */
function polylineDistance(x, y, points) {
  let best = Infinity;
  for (let i = 1; i < points.length; i += 1) {
    best = Math.min(best, segmentDistance(x, y, points[i - 1], points[i]));
  }
  return best;
}

/** True when (x, y) lies inside the triangle. */
function insideTriangle(x, y, [a, b, c]) {
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** Signed distance to the triangle's boundary (negative inside). */
function triangleDistance(x, y, triangle) {
  const edge = polylineDistance(x, y, [...triangle, triangle[0]]);
  return insideTriangle(x, y, triangle) ? -edge : edge;
}

/** Signed distance to a speech bubble: a rounded rectangle joined with a tail triangle. */
function bubbleDistance(x, y, bubble) {
  return Math.min(roundedRectDistance(x, y, bubble.body), triangleDistance(x, y, bubble.tail));
}

/** Renders a size×size image; paint(x, y) returns [r, g, b, a] (0–1 coverage in a) per sample. */
function render(size, paint) {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const [sr, sg, sb, sa] = paint(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          r += sr * sa;
          g += sg * sa;
          b += sb * sa;
          a += sa;
        }
      }
      const offset = (py * size + px) * 4;
      png.data[offset] = a === 0 ? 0 : Math.round(r / a);
      png.data[offset + 1] = a === 0 ? 0 : Math.round(g / a);
      png.data[offset + 2] = a === 0 ? 0 : Math.round(b / a);
      png.data[offset + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return png;
}

function colorIcon() {
  const bubble = {
    body: { left: 48, top: 52, width: 96, height: 72, radius: 20 },
    tail: [[63, 117], [91, 117], [58, 144]],
  };
  const check = [[74, 88], [89, 103], [118, 74]];
  const checkHalfWidth = 6;
  return render(192, (x, y) => {
    const onBubble = bubbleDistance(x, y, bubble) <= 0;
    const onCheck = polylineDistance(x, y, check) <= checkHalfWidth;
    return [...(onBubble && !onCheck ? WHITE : BRAND_BLUE), 1];
  });
}

function outlineIcon() {
  const bubble = {
    body: { left: 3, top: 5, width: 26, height: 19, radius: 5.5 },
    tail: [[7.5, 22], [14, 22], [6, 29]],
  };
  const strokeHalfWidth = 1;
  const check = [[10.5, 14.5], [14, 18], [21.5, 10.5]];
  const checkHalfWidth = 1.2;
  return render(32, (x, y) => {
    const onStroke = Math.abs(bubbleDistance(x, y, bubble)) <= strokeHalfWidth;
    const onCheck = polylineDistance(x, y, check) <= checkHalfWidth;
    return [...WHITE, onStroke || onCheck ? 1 : 0];
  });
}

for (const [file, png] of [['color.png', colorIcon()], ['outline.png', outlineIcon()]]) {
  const target = path.join(OUT_DIR, file);
  fs.writeFileSync(target, PNG.sync.write(png, { colorType: 6 }));
  console.log(`wrote ${path.relative(process.cwd(), target)} (${png.width}×${png.height})`);
}
