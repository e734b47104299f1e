//! JavaScript's `Math.pow` / `**` as node (V8) computes it, bit for bit.
//!
//! Invariant: [`js_pow`] returns exactly the double V8's `base::ieee754::legacy::pow` returns
//! (the function behind `Math.pow` and `**` in node v20 / V8 11.3), on every platform: only
//! IEEE-754 `+ - * /` and `sqrt`, each correctly rounded, in a fixed order, with no fused
//! multiply-add. Measured against node v20.20.2 (tests/data/README.md): 0 mismatches in
//! 1.2 million tribe-curve pairs and 3.6 million arbitrary ones (specials, subnormals).
//!
//! Why not `libm::pow`: V8's port of fdlibm's `e_pow.c` differs from fdlibm/FreeBSD (which
//! the `libm` crate ports) in the last step of 2^(p_h+p_l); it divides by the whole
//! denominator, `r = (z·t1) / ((t1 − 2) − (w + z·w))`, where fdlibm computes
//! `r = (z·t1)/(t1 − 2) − (w + z·w)`. That moves about 4% of results by one ulp.
//
// Adapted from the `libm` crate 0.2.16 `src/math/pow.rs` (MIT OR Apache-2.0), whose origin
// is FreeBSD /usr/src/lib/msun/src/e_pow.c, under this notice:
//
// ====================================================
// Copyright (C) 2004 by Sun Microsystems, Inc. All rights reserved.
//
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================
//
// Modified to match V8's `ieee754::legacy::pow`: (1) the final rational step divides
// `z*t1` by `(t1 - 2) - (w + z*w)` (V8's transcription) instead of fdlibm's
// `(z*t1)/(t1 - 2) - (w + z*w)`; (2) ECMAScript special cases: `1 ** NaN` and
// `(±1) ** ±Infinity` are NaN (fdlibm returns 1); (3) condensed to the crate's style.

// The constants keep fdlibm's decimal digits; a test checks each against its bit pattern.
#![allow(clippy::excessive_precision, clippy::approx_constant)]

const BP: [f64; 2] = [1.0, 1.5];
const DP_H: [f64; 2] = [0.0, 5.84962487220764160156e-01]; // 0x3fe2b803_40000000
const DP_L: [f64; 2] = [0.0, 1.35003920212974897128e-08]; // 0x3e4cfdeb_43cfd006
const TWO53: f64 = 9007199254740992.0; // 0x43400000_00000000
const HUGE: f64 = 1.0e300;
const TINY: f64 = 1.0e-300;
// Polynomial coefficients for (3/2)*(log(x)-2s-2/3*s**3).
const L1: f64 = 5.99999999999994648725e-01; // 0x3fe33333_33333303
const L2: f64 = 4.28571428578550184252e-01; // 0x3fdb6db6_db6fabff
const L3: f64 = 3.33333329818377432918e-01; // 0x3fd55555_518f264d
const L4: f64 = 2.72728123808534006489e-01; // 0x3fd17460_a91d4101
const L5: f64 = 2.30660745775561754067e-01; // 0x3fcd864a_93c9db65
const L6: f64 = 2.06975017800338417784e-01; // 0x3fca7e28_4a454eef
const P1: f64 = 1.66666666666666019037e-01; // 0x3fc55555_5555553e
const P2: f64 = -2.77777777770155933842e-03; // 0xbf66c16c_16bebd93
const P3: f64 = 6.61375632143793436117e-05; // 0x3f11566a_af25de2c
const P4: f64 = -1.65339022054652515390e-06; // 0xbebbbd41_c5d26bf1
const P5: f64 = 4.13813679705723846039e-08; // 0x3e663769_72bea4d0
const LG2: f64 = 6.93147180559945286227e-01; // 0x3fe62e42_fefa39ef
const LG2_H: f64 = 6.93147182464599609375e-01; // 0x3fe62e43_00000000
const LG2_L: f64 = -1.90465429995776804525e-09; // 0xbe205c61_0ca86c39
const OVT: f64 = 8.0085662595372944372e-017; // -(1024-log2(ovfl+.5ulp))
const CP: f64 = 9.61796693925975554329e-01; // 0x3feec709_dc3a03fd = 2/(3ln2)
const CP_H: f64 = 9.61796700954437255859e-01; // 0x3feec709_e0000000 = (float)cp
const CP_L: f64 = -7.02846165095275826516e-09; // 0xbe3e2fe0_145b01f5 = tail of cp_h
const IVLN2: f64 = 1.44269504088896338700e+00; // 0x3ff71547_652b82fe = 1/ln2
const IVLN2_H: f64 = 1.44269502162933349609e+00; // 0x3ff71547_60000000 = 24b 1/ln2
const IVLN2_L: f64 = 1.92596299112661746887e-08; // 0x3e54ae0b_f85ddf44 = 1/ln2 tail

fn high_word(x: f64) -> i32 {
    (x.to_bits() >> 32) as i32
}

fn with_high_word(x: f64, hi: u32) -> f64 {
    f64::from_bits((x.to_bits() & 0xffff_ffff) | (u64::from(hi) << 32))
}

fn with_low_word(x: f64, lo: u32) -> f64 {
    f64::from_bits((x.to_bits() & 0xffff_ffff_0000_0000) | u64::from(lo))
}

/// x · 2ⁿ with a single rounding (C's `scalbn`) for the subnormal results of [`js_pow`],
/// where x is near 1 and −1076 < n ≤ 0.
fn scalbn_down(mut x: f64, mut n: i32) -> f64 {
    let p2 = |e: i32| f64::from_bits(((0x3ff + e.clamp(-1022, 0)) as u64) << 52);
    if n < -1022 {
        // Scale by 2^(-1022+53) exactly first so that the last product rounds only once.
        x *= p2(-1022) * TWO53;
        n += 1022 - 53;
    }
    x * p2(n)
}

/// `x ** y` exactly as JavaScript (node v20, V8's `ieee754::legacy::pow`) computes it:
/// the same double, bit for bit, for every pair of doubles (NaN results are NaN).
///
/// Special cases follow ECMAScript: `x ** 0` is 1 (even for NaN x), `NaN` in any other
/// position gives NaN, `(±1) ** ±Infinity` is NaN, a negative finite `x` to a non-integer
/// power is NaN, `x ** 0.5` is `sqrt(x)` for `x ≥ +0`, `x ** 2` is `x * x`.
#[allow(clippy::many_single_char_names)]
pub fn js_pow(x: f64, y: f64) -> f64 {
    let (hx, lx) = ((x.to_bits() >> 32) as i32, x.to_bits() as u32);
    let (hy, ly) = ((y.to_bits() >> 32) as i32, y.to_bits() as u32);
    let mut ix = hx & 0x7fff_ffff;
    let iy = hy & 0x7fff_ffff;

    // x ** ±0 = 1, even if x is NaN.
    if (iy as u32 | ly) == 0 {
        return 1.0;
    }
    // NaN if either is NaN (V8 has no fdlibm "1 ** NaN = 1" rule).
    if ix > 0x7ff0_0000
        || (ix == 0x7ff0_0000 && lx != 0)
        || iy > 0x7ff0_0000
        || (iy == 0x7ff0_0000 && ly != 0)
    {
        return x + y;
    }

    // When x < 0: yisint = 0 (y not an integer), 1 (odd integer), 2 (even integer).
    let mut yisint = 0;
    if hx < 0 {
        if iy >= 0x4340_0000 {
            yisint = 2;
        } else if iy >= 0x3ff0_0000 {
            let k = (iy >> 20) - 0x3ff;
            if k > 20 {
                let j = ly >> (52 - k);
                if (j << (52 - k)) == ly {
                    yisint = 2 - (j & 1) as i32;
                }
            } else if ly == 0 {
                let j = iy >> (20 - k);
                if (j << (20 - k)) == iy {
                    yisint = 2 - (j & 1);
                }
            }
        }
    }

    // Special values of y.
    if ly == 0 {
        if iy == 0x7ff0_0000 {
            return if ((ix - 0x3ff0_0000) as u32 | lx) == 0 {
                f64::NAN // (±1) ** ±Infinity is NaN in ECMAScript
            } else if ix >= 0x3ff0_0000 {
                if hy >= 0 {
                    y
                } else {
                    0.0
                }
            } else if hy < 0 {
                -y
            } else {
                0.0
            };
        }
        if iy == 0x3ff0_0000 {
            return if hy >= 0 { x } else { 1.0 / x };
        }
        if hy == 0x4000_0000 {
            return x * x;
        }
        if hy == 0x3fe0_0000 && hx >= 0 {
            return x.sqrt();
        }
    }

    let mut ax = x.abs();
    // Special values of x: ±0, ±Infinity, ±1.
    if lx == 0 && (ix == 0x7ff0_0000 || ix == 0 || ix == 0x3ff0_0000) {
        let mut z = if hy < 0 { 1.0 / ax } else { ax };
        if hx < 0 {
            if ix == 0x3ff0_0000 && yisint == 0 {
                z = f64::NAN; // (-1) ** non-integer
            } else if yisint == 1 {
                z = -z;
            }
        }
        return z;
    }

    // Sign of the result: -1 for (negative) ** (odd integer).
    let mut s = 1.0;
    if hx < 0 {
        if yisint == 0 {
            return f64::NAN; // (negative) ** (non-integer)
        }
        if yisint == 1 {
            s = -1.0;
        }
    }

    // log2(ax) = t1 + t2, t1 with 29 trailing zero bits.
    let (t1, t2);
    if iy > 0x41e0_0000 {
        // |y| > 2^31.
        if iy > 0x43f0_0000 {
            // |y| > 2^64: must over/underflow.
            if ix <= 0x3fef_ffff {
                return if hy < 0 { HUGE * HUGE } else { TINY * TINY };
            }
            if ix >= 0x3ff0_0000 {
                return if hy > 0 { HUGE * HUGE } else { TINY * TINY };
            }
        }
        if ix < 0x3fef_ffff {
            return if hy < 0 {
                s * HUGE * HUGE
            } else {
                s * TINY * TINY
            };
        }
        if ix > 0x3ff0_0000 {
            return if hy > 0 {
                s * HUGE * HUGE
            } else {
                s * TINY * TINY
            };
        }
        // |1-x| ≤ 2^-20: log(x) by x - x²/2 + x³/3 - x⁴/4.
        let t = ax - 1.0;
        let w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
        let u = IVLN2_H * t;
        let v = t * IVLN2_L - w * IVLN2;
        t1 = with_low_word(u + v, 0);
        t2 = v - (t1 - u);
    } else {
        let mut n = 0;
        if ix < 0x0010_0000 {
            // Subnormal x.
            ax *= TWO53;
            n -= 53;
            ix = high_word(ax);
        }
        n += (ix >> 20) - 0x3ff;
        let j = ix & 0x000f_ffff;
        ix = j | 0x3ff0_0000;
        let k = if j <= 0x3988e {
            0 // |x| < sqrt(3/2)
        } else if j < 0xbb67a {
            1 // |x| < sqrt(3)
        } else {
            n += 1;
            ix -= 0x0010_0000;
            0
        };
        ax = with_high_word(ax, ix as u32);

        // ss = s_h + s_l = (x-1)/(x+1) or (x-1.5)/(x+1.5).
        let u = ax - BP[k];
        let v = 1.0 / (ax + BP[k]);
        let ss = u * v;
        let s_h = with_low_word(ss, 0);
        // t_h = ax + bp[k], high part.
        let t_h = with_high_word(
            0.0,
            (((ix as u32) >> 1) | 0x2000_0000) + 0x0008_0000 + ((k as u32) << 18),
        );
        let t_l = ax - (t_h - BP[k]);
        let s_l = v * ((u - s_h * t_h) - s_h * t_l);
        // log(ax).
        let s2 = ss * ss;
        let mut r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
        r += s_l * (s_h + ss);
        let s2 = s_h * s_h;
        let t_h = with_low_word(3.0 + s2 + r, 0);
        let t_l = r - ((t_h - 3.0) - s2);
        // u + v = ss * (1 + ...).
        let u = s_h * t_h;
        let v = s_l * t_h + t_l * ss;
        // 2/(3 log2) * (ss + ...).
        let p_h = with_low_word(u + v, 0);
        let p_l = v - (p_h - u);
        let z_h = CP_H * p_h;
        let z_l = CP_L * p_h + p_l * CP + DP_L[k];
        // log2(ax) = (ss + ...) * 2/(3 log2) = n + dp_h + z_h + z_l.
        let t = f64::from(n);
        t1 = with_low_word(((z_h + z_l) + DP_H[k]) + t, 0);
        t2 = z_l - (((t1 - t) - DP_H[k]) - z_h);
    }

    // (y1 + y2) * (t1 + t2) = p_h + p_l.
    let y1 = with_low_word(y, 0);
    let p_l = (y - y1) * t1 + y * t2;
    let mut p_h = y1 * t1;
    let z = p_l + p_h;
    let (j, i) = ((z.to_bits() >> 32) as i32, z.to_bits() as u32);
    if j >= 0x4090_0000 {
        // z ≥ 1024.
        if ((j - 0x4090_0000) as u32 | i) != 0 || p_l + OVT > z - p_h {
            return s * HUGE * HUGE;
        }
    } else if (j & 0x7fff_ffff) >= 0x4090_cc00 {
        // z ≤ -1075.
        if ((j as u32).wrapping_sub(0xc090_cc00) | i) != 0 || p_l <= z - p_h {
            return s * TINY * TINY;
        }
    }

    // 2^(p_h + p_l) = 2^n · 2^(p_h + p_l - n), |p_h + p_l - n| ≤ 0.5.
    let i = j & 0x7fff_ffff;
    let mut k = (i >> 20) - 0x3ff;
    let mut n = 0;
    if i > 0x3fe0_0000 {
        n = j + (0x0010_0000 >> (k + 1));
        k = ((n & 0x7fff_ffff) >> 20) - 0x3ff;
        let t = with_high_word(0.0, (n & !(0x000f_ffff >> k)) as u32);
        n = ((n & 0x000f_ffff) | 0x0010_0000) >> (20 - k);
        if j < 0 {
            n = -n;
        }
        p_h -= t;
    }
    let t = with_low_word(p_l + p_h, 0);
    let u = t * LG2_H;
    let v = (p_l - (t - p_h)) * LG2 + t * LG2_L;
    let z = u + v;
    let w = v - (z - u);
    let t = z * z;
    let t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    // V8's transcription (fdlibm: (z * t1) / (t1 - 2.0) - (w + z * w)).
    let r = (z * t1) / ((t1 - 2.0) - (w + z * w));
    let z = 1.0 - (r - z);
    let j = high_word(z).wrapping_add(((n as u32) << 20) as i32);
    let z = if (j >> 20) <= 0 {
        scalbn_down(z, n) // subnormal result
    } else {
        with_high_word(z, j as u32)
    };
    s * z
}

#[cfg(test)]
mod tests;
