//! Token issuance of a scotbot tribe (Steem-Engine / Hive-Engine, 2019–2021): every
//! `rewards_token_every_n_block` chain blocks (3 s each) the bot mints `rewards_token`,
//! cut every `reduction_every_n_block` blocks by `reduction_percentage`, and splits it
//! between the proof-of-brain pool (optionally with a separate comment pool), the mining and
//! staking lotteries and fixed "other" accounts. Parameter names are the scot API's `/config`
//! (reference: shared/reference/smt-and-tribes.md §2.1, §4.2). The Hive-Engine `comments`
//! contract's issuance (`rewardPerInterval`) is not here; it lives with the tribe pool.
//!
//! Scotbot's source was never published, so three rules below are ours, chosen and stated:
//!
//! * **The reduction formula is ambiguous**, so both readings are variants of
//!   [`ReductionRule`]. holger80's parameter manual (scotbot's author; the reference §2.1
//!   quotes his example) reads p% as new = old / (1 + p/100)
//!   ([`ReductionRule::DivideByOnePlus`]). The `comments` contract that replaced scotbot cuts
//!   `rewardPerInterval ← rewardPerInterval · (1 − p/100)` (reference §3.1), and POB's
//!   "−50% every 42,000,000 blocks" and SCT's "−50% a year" are described as halvings, which
//!   only that reading gives ([`ReductionRule::MultiplyByOneMinus`]). For small p they differ
//!   little (1%: 61,386 vs 61,380 milli-PAL per issuance); for POB's 50% they give ⅔ vs ½.
//! * **Rounding**: amounts are integers in the token's smallest unit (10^−precision, precision
//!   0..=8). Each reduction floors the per-issuance amount to a whole unit, starting from the
//!   previous (already floored) amount — a token can only be minted in whole units, and
//!   flooring never mints more than configured. The split floors the mining, staking, other and
//!   comment shares and gives the residual to the post pool, so the parts always add up.
//! * **Timing**: blocks count from the tribe's start (block 0, no issuance). Issuance `i ≥ 1`
//!   happens at block `i · every_n`; the reductions in force at block b are
//!   ⌊b / reduction_every_n_block⌋, so an issuance on a reduction block is already reduced.
//!   Day d is blocks (28,800·d, 28,800·(d+1)].
//!
//! Invariants: no floats, no panics; every [`Issuance`] adds up
//! (pob + comment_pob + mining + staking + other = total); issuance per event never grows.

use super::constants::STEEM_100_PERCENT;

/// Blocks per day at 3 s a block (`STEEM_BLOCKS_PER_DAY`).
pub const BLOCKS_PER_DAY: u32 = 28_800;

/// How one reduction changes the amount per issuance, p in basis points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReductionRule {
    /// new = ⌊old · 10000 / (10000 + p)⌋ — holger80's scotbot manual example (old / (1 + p/100)).
    DivideByOnePlus,
    /// new = ⌊old · (10000 − p) / 10000⌋ — the `comments` contract's rule (old · (1 − p/100)),
    /// and the reading under which "−50%" is a halving.
    MultiplyByOneMinus,
}

/// How each issuance is divided, basis points of the issuance (scotbot's percentages × 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolSplit {
    /// To the proof-of-brain reward pool (`pob_pool_percentage`), comment pool included.
    pub pob: u16,
    /// Share *of the PoB part* moved to a separate comment pool (`pob_comment_pool_percentage`
    /// with `enable_comment_reward_pool`); `None` is scotbot's −1, no comment pool.
    pub comment_pob: Option<u16>,
    /// To the proof-of-staked-mining lottery (`posm_pool_percentage`).
    pub mining: u16,
    /// To the staking lottery (`staking_pool_percentage`).
    pub staking: u16,
    /// To the fixed `other_pool_accounts` (`other_pool_percentage`).
    pub other: u16,
}

impl PoolSplit {
    /// Everything to the post pool (a tribe without pools, e.g. SCOTT).
    pub fn all_pob() -> PoolSplit {
        PoolSplit {
            pob: 10_000,
            comment_pob: None,
            mining: 0,
            staking: 0,
            other: 0,
        }
    }
}

/// A tribe's issuance parameters (scot `/config`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScotIssuance {
    /// Tokens minted per issuance before any reduction, smallest units (`rewards_token` ×
    /// 10^precision).
    pub rewards_token: u64,
    /// Blocks between issuances, ≥ 1 (`rewards_token_every_n_block`).
    pub rewards_token_every_n_block: u32,
    /// Blocks between reductions; 0 = never (`reduction_every_n_block`; 10,512,000 = a year).
    pub reduction_every_n_block: u32,
    /// Size of one reduction, basis points, 0..=10000 (`reduction_percentage` × 100).
    pub reduction_percentage: u16,
    /// How a reduction applies the percentage.
    pub reduction_rule: ReductionRule,
    /// How each issuance is divided.
    pub split: PoolSplit,
}

/// Tokens issued, smallest units, by destination. `total` is the sum of the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Issuance {
    /// All tokens minted.
    pub total: u128,
    /// To the post reward pool (`reward_pool`).
    pub pob: u128,
    /// To the comment reward pool (`comment_reward_pool`).
    pub comment_pob: u128,
    /// To the mining lottery.
    pub mining: u128,
    /// To the staking lottery.
    pub staking: u128,
    /// To the other-pool accounts.
    pub other: u128,
}

impl Issuance {
    fn add_times(&mut self, one: Issuance, times: u128) {
        self.total += one.total * times;
        self.pob += one.pob * times;
        self.comment_pob += one.comment_pob * times;
        self.mining += one.mining * times;
        self.staking += one.staking * times;
        self.other += one.other * times;
    }
}

/// A configuration the bot could not run; names the parameter and what is allowed. The
/// scenario is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IssuanceError {
    /// `rewards_token_every_n_block` of 0.
    #[error("rewards_token_every_n_block must be at least 1")]
    ZeroInterval,
    /// A reduction past 100%.
    #[error("reduction_percentage must be 0..=10000 basis points (0..=100%), not {0}")]
    ReductionTooLarge(u16),
    /// A comment-pool share past 100% of the PoB part.
    #[error(
        "pob_comment_pool_percentage must be 0..=10000 basis points of the PoB share, not {0}"
    )]
    CommentShareTooLarge(u16),
    /// Percentages not adding up to 100%.
    #[error(
        "pob + posm (mining) + staking + other pool percentages must add up to 10000 basis \
         points (100%), not {0}"
    )]
    SplitNotWhole(u32),
}

impl ScotIssuance {
    /// Checks the parameters: an interval ≥ 1, a reduction ≤ 100%, a comment share ≤ 100%,
    /// and pool percentages adding up to exactly 100% (so no token is silently left unissued).
    pub fn validate(&self) -> Result<(), IssuanceError> {
        if self.rewards_token_every_n_block == 0 {
            return Err(IssuanceError::ZeroInterval);
        }
        if u32::from(self.reduction_percentage) > STEEM_100_PERCENT {
            return Err(IssuanceError::ReductionTooLarge(self.reduction_percentage));
        }
        if let Some(share) = self.split.comment_pob {
            if u32::from(share) > STEEM_100_PERCENT {
                return Err(IssuanceError::CommentShareTooLarge(share));
            }
        }
        let s = self.split;
        let sum = [s.pob, s.mining, s.staking, s.other]
            .iter()
            .map(|p| u32::from(*p))
            .sum::<u32>();
        if sum != STEEM_100_PERCENT {
            return Err(IssuanceError::SplitNotWhole(sum));
        }
        Ok(())
    }

    /// One reduction of `amount` (smallest units), floored.
    pub fn reduce_once(&self, amount: u64) -> u64 {
        let p = u128::from(self.reduction_percentage);
        let hundred = u128::from(STEEM_100_PERCENT);
        let reduced = match self.reduction_rule {
            ReductionRule::DivideByOnePlus => u128::from(amount) * hundred / (hundred + p),
            ReductionRule::MultiplyByOneMinus => {
                u128::from(amount) * hundred.saturating_sub(p) / hundred
            }
        };
        reduced as u64 // ≤ amount
    }

    /// The amount per issuance after `reductions` reductions, smallest units: `rewards_token`
    /// reduced and floored `reductions` times (cost O(reductions), stopping once it no longer
    /// changes).
    pub fn rewards_token_after(&self, reductions: u64) -> u64 {
        let mut amount = self.rewards_token;
        for _ in 0..reductions {
            let next = self.reduce_once(amount);
            if next == amount {
                break;
            }
            amount = next;
        }
        amount
    }

    /// Reductions in force at `block` (blocks since the tribe's start).
    pub fn reductions_at(&self, block: u32) -> u64 {
        match self.reduction_every_n_block {
            0 => 0,
            every => u64::from(block / every),
        }
    }

    /// What is minted at `block` (blocks since the tribe's start): the reduced amount on a
    /// multiple of `rewards_token_every_n_block` other than 0, nothing otherwise.
    pub fn issuance_at_block(&self, block: u32) -> Issuance {
        let every = self.rewards_token_every_n_block.max(1);
        if block == 0 || block % every != 0 {
            return Issuance::default();
        }
        self.split(self.rewards_token_after(self.reductions_at(block)))
    }

    /// Splits one issuance of `amount` smallest units: mining, staking and other get
    /// ⌊amount · bp / 10000⌋, the post pool the rest, of which the comment pool gets
    /// ⌊rest · comment bp / 10000⌋.
    pub fn split(&self, amount: u64) -> Issuance {
        let amount = u128::from(amount);
        let share = |bp: u16| amount * u128::from(bp) / u128::from(STEEM_100_PERCENT);
        let mining = share(self.split.mining);
        let staking = share(self.split.staking);
        let other = share(self.split.other);
        let pob_share = amount.saturating_sub(mining + staking + other);
        let comment_pob = self.split.comment_pob.map_or(0, |bp| {
            pob_share * u128::from(bp.min(10_000)) / u128::from(STEEM_100_PERCENT)
        });
        Issuance {
            total: mining + staking + other + pob_share,
            pob: pob_share - comment_pob,
            comment_pob,
            mining,
            staking,
            other,
        }
    }

    /// Everything minted in blocks `after_block + 1 ..= through_block` (blocks since the
    /// tribe's start), split per issuance as [`ScotIssuance::split`] does.
    pub fn issuance_between(&self, after_block: u32, through_block: u32) -> Issuance {
        let mut sum = Issuance::default();
        if through_block <= after_block {
            return sum;
        }
        let every = u64::from(self.rewards_token_every_n_block.max(1));
        // Issuances with index in (after / every, through / every].
        let events_through = |block: u64| block / every;
        let (first, last) = (u64::from(after_block) + 1, u64::from(through_block));
        let mut reductions = self.reductions_at(after_block + 1);
        let mut amount = self.rewards_token_after(reductions);
        let mut start = first;
        while start <= last {
            // The last block with `reductions` in force, or `last`.
            let epoch_end = match self.reduction_every_n_block {
                0 => last,
                r => ((reductions + 1) * u64::from(r) - 1).min(last),
            };
            let count = events_through(epoch_end) - events_through(start - 1);
            sum.add_times(self.split(amount), u128::from(count));
            start = epoch_end + 1;
            reductions += 1;
            amount = self.reduce_once(amount);
        }
        sum
    }

    /// Everything minted on day `day` (from 0): blocks (28,800·day, 28,800·(day+1)], for
    /// scenario-level summaries. Days past the u32 block range are cut at block u32::MAX.
    pub fn daily_issuance(&self, day: u32) -> Issuance {
        let block = |d: u64| u32::try_from(d * u64::from(BLOCKS_PER_DAY)).unwrap_or(u32::MAX);
        self.issuance_between(block(u64::from(day)), block(u64::from(day) + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const YEAR: u32 = 10_512_000;

    fn tribe(rewards_token: u64, every: u32, reduction_every: u32, pct_bp: u16) -> ScotIssuance {
        ScotIssuance {
            rewards_token,
            rewards_token_every_n_block: every,
            reduction_every_n_block: reduction_every,
            reduction_percentage: pct_bp,
            reduction_rule: ReductionRule::DivideByOnePlus,
            split: PoolSplit::all_pob(),
        }
    }

    fn with_rule(t: ScotIssuance, rule: ReductionRule) -> ScotIssuance {
        ScotIssuance {
            reduction_rule: rule,
            ..t
        }
    }

    /// SCOTT (2019-05): 8 per 3 blocks, 0.5% a year, all PoB; precision 3.
    fn scott() -> ScotIssuance {
        tribe(8_000, 3, YEAR, 50)
    }
    /// PAL (2019-06): 62 per 400 blocks, 1% a year, PoB 75 / mining 10 / other 15.
    fn pal() -> ScotIssuance {
        ScotIssuance {
            split: PoolSplit {
                pob: 7_500,
                comment_pob: None,
                mining: 1_000,
                staking: 0,
                other: 1_500,
            },
            ..tribe(62_000, 400, YEAR, 100)
        }
    }
    /// LEO (~2020): 19 per 100 blocks, 7% a year, PoB 70 / mining 15 / other 15.
    fn leo() -> ScotIssuance {
        ScotIssuance {
            split: PoolSplit {
                pob: 7_000,
                comment_pob: None,
                mining: 1_500,
                staking: 0,
                other: 1_500,
            },
            ..tribe(19_000, 100, YEAR, 700)
        }
    }
    /// POB: 10 per 40 blocks, −50% every 42,000,000 blocks; precision 8.
    fn pob() -> ScotIssuance {
        tribe(1_000_000_000, 40, 42_000_000, 5_000)
    }

    #[test]
    fn real_configs_daily_amounts() {
        // 28,800 blocks a day: SCOTT 9,600 × 8 = 76,800; PAL 72 × 62 = 4,464;
        // LEO 288 × 19 = 5,472; POB 720 × 10 = 7,200 (× 365 = 2,628,000 a year).
        for (config, daily) in [
            (scott(), 76_800_000u128),
            (pal(), 4_464_000),
            (leo(), 5_472_000),
            (pob(), 720_000_000_000),
        ] {
            config.validate().unwrap();
            assert_eq!(config.daily_issuance(0).total, daily);
            assert_eq!(config.daily_issuance(100).total, daily);
        }
        assert_eq!(
            pob().issuance_between(0, 365 * BLOCKS_PER_DAY).total,
            2_628_000 * 100_000_000
        );
        // PAL per issuance: mining ⌊62,000 · 10%⌋ = 6,200, other 9,300, PoB 46,500; × 72.
        let day = pal().daily_issuance(0);
        assert_eq!(
            (day.pob, day.mining, day.other, day.staking, day.comment_pob),
            (3_348_000, 446_400, 669_600, 0, 0)
        );
        // LEO: 2,850 + 2,850 + 13,300 per issuance.
        let day = leo().daily_issuance(0);
        assert_eq!(
            (day.pob, day.mining, day.other),
            (3_830_400, 820_800, 820_800)
        );
    }

    #[test]
    fn one_reduction_under_each_rule() {
        use ReductionRule::*;
        // SCOTT 0.5%: 8,000 · 10000/10050 = 7,960.2 → 7,960; 8,000 · 0.995 = 7,960.
        // PAL 1%:     62,000 / 1.01 = 61,386.1 → 61,386;     62,000 · 0.99 = 61,380.
        // LEO 7%:     19,000 / 1.07 = 17,757.0 → 17,757;     19,000 · 0.93 = 17,670.
        // POB 50%:    10^9 / 1.5 = 666,666,666.7 → 666,666,666; 10^9 · 0.5 = 500,000,000.
        for (config, divided, multiplied) in [
            (scott(), 7_960, 7_960),
            (pal(), 61_386, 61_380),
            (leo(), 17_757, 17_670),
            (pob(), 666_666_666, 500_000_000),
        ] {
            assert_eq!(
                with_rule(config, DivideByOnePlus).rewards_token_after(1),
                divided
            );
            assert_eq!(
                with_rule(config, MultiplyByOneMinus).rewards_token_after(1),
                multiplied
            );
            assert_eq!(config.rewards_token_after(0), config.rewards_token);
        }
        // The day after a year: all of SCOTT's 9,600 issuances at 7,960.
        assert_eq!(scott().daily_issuance(365).total, 9_600 * 7_960);
        // Twice, from the floored amount: 61,386 / 1.01 = 60,778.2 → 60,778.
        assert_eq!(pal().rewards_token_after(2), 60_778);
        // 100% under the multiply rule ends issuance.
        let stop = with_rule(tribe(1_000, 1, 10, 10_000), MultiplyByOneMinus);
        assert_eq!(stop.issuance_between(0, 30).total, 9 * 1_000);
    }

    #[test]
    fn a_day_straddling_a_reduction() {
        // Day 364 is blocks (10,483,200, 10,512,000]; its last issuance, at block 10,512,000,
        // is the first reduced one: 71 × 62,000 + 61,386.
        assert_eq!(pal().daily_issuance(364).total, 71 * 62_000 + 61_386);
        assert_eq!(pal().issuance_at_block(YEAR).total, 61_386);
        assert_eq!(pal().issuance_at_block(YEAR - 400).total, 62_000);
        assert_eq!(pal().issuance_at_block(YEAR - 1).total, 0);
        assert_eq!(pal().issuance_at_block(0).total, 0);
    }

    #[test]
    fn comment_pool_takes_its_share_of_pob() {
        // LEO with 10% of PoB to comments: PoB 13,300 → comments 1,330, posts 11,970.
        let mut config = leo();
        config.split.comment_pob = Some(1_000);
        let one = config.issuance_at_block(100);
        assert_eq!(
            (one.pob, one.comment_pob, one.total),
            (11_970, 1_330, 19_000)
        );
    }

    #[test]
    fn validation_names_the_parameter() {
        let mut c = pal();
        c.rewards_token_every_n_block = 0;
        assert_eq!(c.validate(), Err(IssuanceError::ZeroInterval));
        let mut c = pal();
        c.reduction_percentage = 10_001;
        assert_eq!(c.validate(), Err(IssuanceError::ReductionTooLarge(10_001)));
        let mut c = pal();
        c.split.comment_pob = Some(10_001);
        assert_eq!(
            c.validate(),
            Err(IssuanceError::CommentShareTooLarge(10_001))
        );
        let mut c = pal();
        c.split.other = 1_000;
        assert_eq!(c.validate(), Err(IssuanceError::SplitNotWhole(9_500)));
        assert!(c.validate().unwrap_err().to_string().contains("10000"));
    }

    fn config() -> impl Strategy<Value = ScotIssuance> {
        (
            any::<u64>(),
            1u32..5_000,
            prop_oneof![Just(0u32), 1u32..50_000_000],
            0u16..=10_000,
            any::<bool>(),
            (0u16..=10_000, 0u16..=10_000, 0u16..=10_000),
            prop::option::of(0u16..=10_000),
        )
            .prop_map(|(amount, every, red, pct, divide, (a, b, c), comment)| {
                let (mining, staking) = (a.min(10_000 - a.min(b)), a.min(b));
                let other = c.min(10_000 - mining - staking);
                ScotIssuance {
                    rewards_token: amount,
                    rewards_token_every_n_block: every,
                    reduction_every_n_block: red,
                    reduction_percentage: pct,
                    reduction_rule: if divide {
                        ReductionRule::DivideByOnePlus
                    } else {
                        ReductionRule::MultiplyByOneMinus
                    },
                    split: PoolSplit {
                        pob: 10_000 - mining - staking - other,
                        comment_pob: comment,
                        mining,
                        staking,
                        other,
                    },
                }
            })
    }

    proptest! {
        #[test]
        fn parts_add_up_and_days_compose(config in config(), day in 0u32..2_000, cut in 0u32..=28_800) {
            prop_assert_eq!(config.validate(), Ok(()));
            let whole = config.daily_issuance(day);
            let parts = whole.pob + whole.comment_pob + whole.mining + whole.staking + whole.other;
            prop_assert_eq!(parts, whole.total);
            let start = day * BLOCKS_PER_DAY;
            let a = config.issuance_between(start, start + cut);
            let b = config.issuance_between(start + cut, start + BLOCKS_PER_DAY);
            prop_assert_eq!(a.total + b.total, whole.total);
            prop_assert_eq!(a.pob + b.pob, whole.pob);
            let block = start + cut;
            let here = config.issuance_at_block(block);
            prop_assert_eq!(here, config.issuance_between(block.saturating_sub(1), block));
            prop_assert!(config.rewards_token_after(3) <= config.rewards_token_after(2));
        }
    }
}
