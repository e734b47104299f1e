// Raw IEEE bits of node's `**`, for checking mechanics::js_pow::js_pow (see README.md).
// Usage: node js_pow_node.js SEED COUNT MODE
//   MODE = ints: x = parseFloat(r) for r in 1..=1000 (one row in five) or a random integer
//          whose bit length cycles through 1..=128, y = parseFloat of k/100, k in 50..=200;
//          rows `xbits,ybits,powbits,r,k`.
//   MODE = wide: x, y any doubles (random bits, special values, near 1, huge, subnormal);
//          rows `xbits,ybits,powbits`.
const [seed, count, mode] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
let s = seed >>> 0;
function rnd() { // mulberry32
  s = (s + 0x6D2B79F5) >>> 0; let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const dv = new DataView(new ArrayBuffer(8));
const hex = (f) => { dv.setFloat64(0, f); return dv.getBigUint64(0).toString(16); };
function randBig(bits) {
  let v = 1n;
  for (let i = 1; i < bits; i++) v = (v << 1n) | (rnd() < 0.5 ? 1n : 0n);
  return v;
}
function expText(k) { // 150 -> "1.5", 105 -> "1.05", 100 -> "1"
  const i = Math.floor(k / 100), f = k % 100;
  return f === 0 ? `${i}` : `${i}.${String(f).padStart(2, '0').replace(/0$/, '')}`;
}
const specials = [0, -0, 1, -1, 2, -2, 0.5, -0.5, Infinity, -Infinity, NaN, 3, -3, 1e-310,
  -1e-310, 5e-324, Number.MAX_VALUE, 1 + 2 ** -52, 1 - 2 ** -53, 2 ** 31, 2 ** 31 + 1, 2 ** 64,
  2 ** 64 + 4096, 2 ** 53, 2 ** 53 - 1, -(2 ** 53 - 1), 1023.5, 1024, 1075, -1075, -1074.5];
function anyDouble() {
  const r = rnd();
  if (r < 0.15) return specials[Math.floor(rnd() * specials.length)];
  if (r < 0.35) {
    dv.setUint32(0, Math.floor(rnd() * 4294967296)); dv.setUint32(4, Math.floor(rnd() * 4294967296));
    return dv.getFloat64(0);
  }
  if (r < 0.55) return (rnd() - 0.5) * 2 ** (Math.floor(rnd() * 80) - 40);
  if (r < 0.7) return Math.round((rnd() - 0.5) * 200);
  if (r < 0.85) return 1 + (rnd() - 0.5) * 2 ** -Math.floor(rnd() * 50);
  return (rnd() - 0.5) * 2 ** (Math.floor(rnd() * 2100) - 1075);
}
const out = [];
for (let i = 0; i < count; i++) {
  if (mode === 'ints') {
    const r = i % 5 === 0 ? BigInt(1 + Math.floor(rnd() * 1000)) : randBig(1 + (i % 128));
    const k = 50 + Math.floor(rnd() * 151);
    const x = parseFloat(r.toString()), y = parseFloat(expText(k));
    out.push(`${hex(x)},${hex(y)},${hex(x ** y)},${r},${k}`);
  } else {
    const x = anyDouble(), y = anyDouble();
    out.push(`${hex(x)},${hex(y)},${hex(x ** y)}`);
  }
  if (out.length === 100000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
