//! Unit tests of [`super::js_pow`]; the bulk comparison with node is tests/js_pow_node.rs.

use super::*;

/// (r, k, node's bits of `parseFloat(r) ** (k/100)`): pairs where fdlibm's final step
/// (`libm::pow`) is one ulp away from V8's, from `js_pow_node.js 20240602 … ints`.
const QUIRK: &[(u128, u16, u64)] = &[
    (340_355_846_988_152, 80, 0x425893ae4ce322ac),
    (59, 164, 0x40891056b9ef381f),
    (
        12_874_114_813_335_724_027_720_231_585_414,
        175,
        0x4b3ce379e3d2221e,
    ),
    (10_226_925_997, 119, 0x4267be5d88ede970),
    (7_617_645, 125, 0x41b7da8d07ce0354),
    (10_912_516_947_068_940_140_269_151, 135, 0x46f37f21e50d4ce5),
    (1_502_843_662_263_083_341_097_918, 139, 0x46e8df15a5227a17),
    (8, 117, 0x4026c8e8db9f3aad),
    (780_624_690_711_409_539, 68, 0x42755e6c2cbb0786),
    (1780, 198, 0x4144cff7eba507ff),
    (47_779_928_958_444_071_321, 65, 0x4296827bcf5cbf51),
    (402, 178, 0x40e5187af6028536),
    (53_682_188_223_338_555_117, 133, 0x4561ff1116e25436),
    (217_824_365_496_998_383_204, 177, 0x4767fcff43846ee8),
];

#[test]
fn matches_node_where_fdlibm_is_one_ulp_off() {
    for &(r, k, want) in QUIRK {
        let got = js_pow(r as f64, f64::from(k) / 100.0).to_bits();
        assert_eq!(got, want, "{r} ** {k}/100: {got:x} vs node {want:x}");
    }
}

#[test]
fn ecmascript_special_cases() {
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let same = |a: f64, b: f64| (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits();
    for (x, y, want) in [
        (nan, 0.0, 1.0),
        (nan, -0.0, 1.0),
        (1.0, nan, nan),
        (1.0, inf, nan),
        (-1.0, -inf, nan),
        (0.5, inf, 0.0),
        (0.5, -inf, inf),
        (2.0, inf, inf),
        (2.0, -inf, 0.0),
        (0.0, 1.5, 0.0),
        (-0.0, 3.0, -0.0),
        (-0.0, -3.0, -inf),
        (0.0, -1.5, inf),
        (inf, 0.75, inf),
        (-inf, 3.0, -inf),
        (-inf, -2.0, 0.0),
        (-8.0, 1.0 / 3.0, nan),
        (-2.0, 3.0, -8.0),
        (-1.0, 0.5, nan),
        (2.0, 0.5, std::f64::consts::SQRT_2),
        (3.0, 2.0, 9.0),
        (2.0, 1025.0, inf),
        (2.0, -1075.0, 0.0),
        (2.0, -1074.0, 5e-324),
        (1e300, 1.5, inf),
        (1.000_000_1, 1e13, inf),
        (0.999_999_9, 1e13, 0.0),
        (1.5, 3e9, inf),
    ] {
        let got = js_pow(x, y);
        assert!(same(got, want), "{x} ** {y}: {got} vs {want}");
    }
}

#[test]
fn constants_have_fdlibm_bits() {
    for (value, bits) in [
        (DP_H[1], 0x3fe2b803_40000000u64),
        (DP_L[1], 0x3e4cfdeb_43cfd006u64),
        (TWO53, 0x43400000_00000000u64),
        (L1, 0x3fe33333_33333303u64),
        (L2, 0x3fdb6db6_db6fabffu64),
        (L3, 0x3fd55555_518f264du64),
        (L4, 0x3fd17460_a91d4101u64),
        (L5, 0x3fcd864a_93c9db65u64),
        (L6, 0x3fca7e28_4a454eefu64),
        (P1, 0x3fc55555_5555553eu64),
        (P2, 0xbf66c16c_16bebd93u64),
        (P3, 0x3f11566a_af25de2cu64),
        (P4, 0xbebbbd41_c5d26bf1u64),
        (P5, 0x3e663769_72bea4d0u64),
        (LG2, 0x3fe62e42_fefa39efu64),
        (LG2_H, 0x3fe62e43_00000000u64),
        (LG2_L, 0xbe205c61_0ca86c39u64),
        (CP, 0x3feec709_dc3a03fdu64),
        (CP_H, 0x3feec709_e0000000u64),
        (CP_L, 0xbe3e2fe0_145b01f5u64),
        (IVLN2, 0x3ff71547_652b82feu64),
        (IVLN2_H, 0x3ff71547_60000000u64),
        (IVLN2_L, 0x3e54ae0b_f85ddf44u64),
    ] {
        assert_eq!(value.to_bits(), bits, "{value:e}");
    }
}

#[test]
fn integer_powers_are_exact() {
    assert_eq!(js_pow(10.0, 15.0), 1e15);
    assert_eq!(js_pow(1e20, 1.5), 1e30);
    assert_eq!(js_pow(7.0, 0.5), 7f64.sqrt());
}

proptest::proptest! {
    #[test]
    fn total_on_any_doubles(x in proptest::num::f64::ANY, y in proptest::num::f64::ANY) {
        let _ = js_pow(x, y);
    }
}
