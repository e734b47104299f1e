//! Paying one post from a pool (`payOutPost`, `payOutCurators`, `payOutBeneficiaries` and
//! `payUser` in `contracts/comments.js`, lines 113–296).
//!
//! With the interval's snapshot Pool and Q, a post with claims C (p = token precision):
//!
//! * postPendingToken = toFixed_p_down(round20(Pool·C/Q)), 0 when Q = 0; this whole
//!   amount is what the pool loses (`deductFromRewardPool`, line 326);
//! * curatorPortion = ⌊postPendingToken·curation%/100⌋; authorBenePortion = the rest;
//! * each vote with curation weight w > 0: toFixed_p_down(round20(curatorPortion·w/F_b(S)));
//! * app tax (pool has `appTaxConfig`, post's app differs) = ⌊authorBenePortion·pct/100⌋,
//!   paid all liquid, even to a muted account;
//! * beneficiary k = ⌊(authorBenePortion − tax)·weight_k/10000⌋;
//! * author = authorBenePortion − (tax + Σ beneficiaries) — but when the post has no
//!   beneficiaries `payOutBeneficiaries` returns 0 (line 168) although it has paid the app
//!   tax, so the author gets all of authorBenePortion and the tax is paid on top: the
//!   contract pays out more than it deducts ([`PostPayout::overdrawn`]). We reproduce it.
//! * every amount but the tax is split by `payUser`: staked =
//!   q·staked%/100 truncated to **q's own decimal places** (`quantityBignum.dp()`, which
//!   drops trailing zeros: 1.500 has 1), liquid = q − staked. So 1.500 at 50% pays 0.7
//!   staked and 0.8 liquid, not 0.75/0.75 — a contract quirk we reproduce.
//!
//! Muted accounts (`setMute`) are not paid, but their amounts are deducted all the same;
//! so are curation weights never paid (re-votes) and every truncation's dust. A post that
//! declined payout (unless the pool ignores that) or was muted (`setPostMute`) pays and
//! deducts nothing: its claims were counted in Q, so its share stays in the pool.
//!
//! Invariant (exact, tested): deducted + overdrawn = Σ payments + withheld.

use ruint::aliases::U512;

use super::bignumber::{decimal_places, divided_by_to_fixed_down, to_u128};
use super::config::PoolConfig;
use super::pool::PoolState;
use super::vote::{curation_claims, post_claims, PostState};
use crate::mechanics::power_curve::{PowerClaims, SMT_PRECISION};

/// A vote on the post being paid, as stored (a row of the contract's `votes` table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CuratorVote {
    /// The voter's account index (the engine's).
    pub voter: u32,
    /// `curationWeight`, 10^-10 (from [`process_vote`](super::process_vote)).
    pub curation_weight: u128,
    /// The voter is muted in the pool at payout time.
    pub muted: bool,
}

/// One of the post's beneficiaries (Hive's `comment_options`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Beneficiary {
    /// The beneficiary's account index.
    pub account: u32,
    /// Share of the author side after app tax, basis points (Hive keeps Σ ≤ 10000).
    pub weight: u16,
    /// The beneficiary is muted in the pool at payout time.
    pub muted: bool,
}

/// Everything about a post the payout needs besides its [`PostState`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostPayoutInput<'a> {
    /// The author's account index.
    pub author: u32,
    /// The author is muted in the pool.
    pub author_muted: bool,
    /// The post's votes, in the contract's order (vote time, then insertion).
    pub votes: &'a [CuratorVote],
    /// The post's beneficiaries, in order.
    pub beneficiaries: &'a [Beneficiary],
    /// `Some(the pool's appTaxConfig.beneficiary)` when the pool has an app tax and the
    /// post's app (`json_metadata.app` up to '/', lower-cased) is not the pool's app.
    pub app_tax_beneficiary: Option<u32>,
    /// The post declined payout on Hive (`max_accepted_payout` starts with "0.000").
    pub declines_payout: bool,
    /// The pool's issuer muted the post (`setPostMute`).
    pub post_muted: bool,
}

/// Why an account is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentRole {
    /// Curation reward of the vote at this index of [`PostPayoutInput::votes`].
    Curator {
        /// Index into the votes.
        vote: usize,
    },
    /// The app tax, always liquid.
    AppTax,
    /// The beneficiary at this index of [`PostPayoutInput::beneficiaries`].
    Beneficiary {
        /// Index into the beneficiaries.
        index: usize,
    },
    /// The author's reward.
    Author,
}

/// One transfer out of the contract: `liquid` via `transferFromContract`, `staked` via
/// `stakeFromContract`, token units. Only non-zero payments to unmuted accounts appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    /// The account index paid.
    pub account: u32,
    /// Why.
    pub role: PaymentRole,
    /// Liquid tokens, token units.
    pub liquid: u128,
    /// Staked tokens, token units.
    pub staked: u128,
}

impl Payment {
    /// liquid + staked, token units.
    pub fn total(&self) -> u128 {
        self.liquid + self.staked
    }
}

/// Everything one post's payout does, token units unless noted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostPayout {
    /// The post's claims F_a(R) at payout.
    pub claims: PowerClaims,
    /// `postPendingToken`: what the pool loses (0 for a declined or muted post).
    pub deducted: u128,
    /// `curatorPortion`.
    pub curator_portion: u128,
    /// `authorBenePortion`.
    pub author_bene_portion: u128,
    /// The transfers, in the contract's order: curators, app tax, beneficiaries, author.
    pub payments: Vec<Payment>,
    /// Deducted but not paid: muted recipients, unpaid curation weight and curation
    /// truncation dust. It stays in the contract's balance, outside `rewardPool`.
    pub withheld: u128,
    /// Paid beyond what was deducted: the app tax of a post without beneficiaries. It
    /// leaves the contract's balance without leaving `rewardPool`.
    pub overdrawn: u128,
}

impl PostPayout {
    /// Σ payments, token units.
    pub fn paid(&self) -> u128 {
        self.payments.iter().map(Payment::total).sum()
    }
}

/// `payUser`'s split of `quantity` token units into (liquid, staked) (lines 113–133): staked
/// = quantity·staked%/100 truncated to the quantity's own decimal places
/// ([`decimal_places`]), liquid = the rest.
pub fn pay_user_split(quantity: u128, precision: u32, staked_percentage: u32) -> (u128, u128) {
    let free_zeros = precision - decimal_places(quantity, precision);
    let step = 10u128.pow(free_zeros);
    let staked = quantity * u128::from(staked_percentage) / (100 * step) * step;
    (quantity - staked, staked)
}

impl PoolState {
    /// Pays `post` with the current interval's snapshot (`payOutPost`, lines 236–296).
    /// The caller deducts [`PostPayout::deducted`] via
    /// [`PoolState::end_interval`](super::PoolState::end_interval).
    pub fn pay_post(
        &self,
        config: &PoolConfig,
        post: &PostState,
        input: &PostPayoutInput<'_>,
    ) -> PostPayout {
        let params = config.params();
        let p = params.token_precision;
        let claims = post_claims(config, post);
        let mut out = PostPayout {
            claims,
            deducted: 0,
            curator_portion: 0,
            author_bene_portion: 0,
            payments: Vec::new(),
            withheld: 0,
            overdrawn: 0,
        };
        let declined = input.declines_payout && !params.ignore_decline_payout;
        if declined || input.post_muted {
            return out;
        }
        let q = self.interval_pending_claims.units();
        let pending = if q.is_zero() {
            0
        } else {
            to_u128(divided_by_to_fixed_down(
                U512::from(self.interval_reward_pool) * claims.units(),
                p + SMT_PRECISION,
                q,
                SMT_PRECISION,
                p,
            ))
        };
        out.deducted = pending;
        let curator_portion = pending * u128::from(params.curation_reward_percentage) / 100;
        let author_bene_portion = pending - curator_portion;
        out.curator_portion = curator_portion;
        out.author_bene_portion = author_bene_portion;
        let staked_pct = params.staked_reward_percentage;
        let pay = |out: &mut PostPayout, account: u32, role, amount: u128, muted: bool, pct| {
            if muted {
                out.withheld += amount;
            } else if amount > 0 {
                let (liquid, staked) = pay_user_split(amount, p, pct);
                out.payments.push(Payment {
                    account,
                    role,
                    liquid,
                    staked,
                });
            }
        };

        // payOutCurators (lines 190–234).
        let total_weight = curation_claims(config, post.vote_positive_rshare_sum);
        let mut curators_total = 0u128;
        for (index, vote) in input.votes.iter().enumerate() {
            if vote.curation_weight == 0 {
                continue;
            }
            // total_weight ≥ F_b(S before the vote + r) > 0 whenever a weight is > 0 (F_b
            // is monotone); 0 is only guarded against.
            let amount = if total_weight == 0 {
                0
            } else {
                to_u128(divided_by_to_fixed_down(
                    U512::from(curator_portion) * U512::from(vote.curation_weight),
                    p + SMT_PRECISION,
                    U512::from(total_weight),
                    SMT_PRECISION,
                    p,
                ))
            };
            curators_total += amount;
            let role = PaymentRole::Curator { vote: index };
            pay(&mut out, vote.voter, role, amount, vote.muted, staked_pct);
        }
        out.withheld += curator_portion.saturating_sub(curators_total);

        // payOutBeneficiaries (lines 140–188).
        let mut post_tax = author_bene_portion;
        let mut bene_total = 0u128;
        if let (Some(percent), Some(account)) = (params.app_tax_percent, input.app_tax_beneficiary)
        {
            let tax = author_bene_portion * u128::from(percent) / 100;
            post_tax -= tax;
            bene_total += tax;
            pay(&mut out, account, PaymentRole::AppTax, tax, false, 0);
        }
        let returned_bene_total = if input.beneficiaries.is_empty() {
            // Line 168: returns 0, not the tax it has just paid.
            out.overdrawn = bene_total;
            0
        } else {
            for (index, bene) in input.beneficiaries.iter().enumerate() {
                let amount = post_tax * u128::from(bene.weight) / 10_000;
                bene_total += amount;
                let role = PaymentRole::Beneficiary { index };
                pay(&mut out, bene.account, role, amount, bene.muted, staked_pct);
            }
            bene_total
        };
        debug_assert!(
            returned_bene_total <= author_bene_portion,
            "beneficiary weights above 100%"
        );
        let author = author_bene_portion.saturating_sub(returned_bene_total);
        pay(
            &mut out,
            input.author,
            PaymentRole::Author,
            author,
            input.author_muted,
            staked_pct,
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_staked_part_is_truncated_to_the_quantitys_own_decimals() {
        // (quantity, precision, staked %) → (liquid, staked)
        for (q, p, pct, want) in [
            (1_500u128, 3, 50, (800u128, 700u128)), // 1.5 → 0.7 staked, 0.8 liquid
            (1_250, 3, 50, (630, 620)),             // 1.25 → 0.625 → 0.62
            (1_234, 3, 50, (617, 617)),             // 1.234 → 0.617
            (3, 0, 50, (2, 1)),                     // 3 → 1.5 → 1
            (3_000, 3, 50, (2_000, 1_000)),         // 3.000 has 0 decimals: same as above
            (1_000, 3, 100, (0, 1_000)),
            (1_000, 3, 0, (1_000, 0)),
            (0, 8, 50, (0, 0)),
            (1, 8, 99, (1, 0)),
        ] {
            assert_eq!(pay_user_split(q, p, pct), want, "{q}e-{p} at {pct}%");
        }
    }
}
