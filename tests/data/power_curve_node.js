// Usage: node gen.js SEED COUNT MODE   (MODE = claims | bits)
const BigNumber = require('bignumber.js');
BigNumber.set({ DECIMAL_PLACES: 20, RANGE: 500 });
const [seed, count, mode] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
let s = seed >>> 0;
function rnd() { // mulberry32
  s = (s + 0x6D2B79F5) >>> 0; let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function randBig() {
  const bits = 1 + Math.floor(rnd() * 128);
  let v = 1n;
  for (let i = 1; i < bits; i++) v = (v << 1n) | (rnd() < 0.5 ? 1n : 0n);
  return v;
}
function expText(h) { return new BigNumber(h).div(100).toString(); }
function claims(r, a) { // the contract's expressions, post and curation merged
  if (BigNumber(r).lte(0)) return '0';
  const e = BigNumber(a);
  let out;
  if (e.eq('1') || e.eq('2')) out = BigNumber(r).pow(a).toFixed(10, BigNumber.ROUND_DOWN);
  else if (e.eq('0.5')) out = BigNumber(r).sqrt().toFixed(10, BigNumber.ROUND_DOWN);
  else out = BigNumber(parseFloat(r) ** parseFloat(a)).toFixed(10, BigNumber.ROUND_DOWN);
  return out.includes('.') ? out.replace(/0+$/, '').replace(/\.$/, '') : out;
}
const lines = [];
for (let i = 0; i < count; i++) {
  let r = i % 5 === 0 ? BigInt(1 + Math.floor(rnd() * 1000)) : randBig();
  const roll = rnd();
  const h = roll < 0.05 ? 50 : roll < 0.08 ? 100 : roll < 0.11 ? 200 : 50 + Math.floor(rnd() * 151);
  const a = expText(h), rs = r.toString();
  if (mode === 'bits') {
    const buf = new DataView(new ArrayBuffer(8));
    buf.setFloat64(0, parseFloat(rs) ** parseFloat(a));
    lines.push(`${rs},${h},${buf.getBigUint64(0).toString(16)}`);
  } else {
    lines.push(`${rs},${a},${claims(rs, a)}`);
  }
}
process.stdout.write(lines.join('\n') + '\n');
