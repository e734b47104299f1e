//! Stub replaced by the power-curve implementation (branch issue2-tribe).
#![allow(missing_docs)]
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PowerExponent(u32);
impl FromStr for PowerExponent {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "1" => Ok(PowerExponent(100)),
            _ => Err("stub".into()),
        }
    }
}
impl fmt::Display for PowerExponent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
pub struct PowerClaims(u128);
impl fmt::Display for PowerClaims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
pub fn power_claims(rshares: u128, _exponent: PowerExponent) -> PowerClaims {
    PowerClaims(rshares)
}
