//! The resolved scenario: every value the engine needs, already range-checked and in the
//! engine's units. The loader ([`super::load()`]) is the only way users build one; tests and
//! benchmarks may also start from [`Scenario::default`] (the `steem-hf21` preset's values on
//! a small world) and change fields.
//!
//! Units: token amounts are milli-STEEM (3 decimals) or VESTS satoshis (6 decimals) as on
//! chain; shares and probabilities are `f64` in 0..=1 (behaviour only, never token math);
//! times are seconds.

use serde::Serialize;

use crate::mechanics::era::{Era, Rules};
use crate::mechanics::price::Price;

use super::pools::PoolScenario;

/// A whole scenario after `extends`, `--set` and defaults have been applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The scenario's name (`name` key, else the file stem); names the output folder.
    pub name: String,
    /// `[simulation]`.
    pub simulation: SimulationConfig,
    /// The era named in `[rules]`, before overrides (kept for the manifest).
    pub era: Era,
    /// The mechanics: `[rules]` era + overrides, with `[inflation]` applied.
    pub rules: Rules,
    /// `[inflation]` values that are not mechanics parameters.
    pub inflation: InflationConfig,
    /// `[market]`.
    pub market: MarketConfig,
    /// `[population]`.
    pub population: PopulationConfig,
    /// `[behaviour]`.
    pub behaviour: BehaviourConfig,
    /// `[visibility]`.
    pub visibility: VisibilityConfig,
    /// `[norms]`.
    pub norms: NormsConfig,
    /// `[envy]`.
    pub envy: EnvyConfig,
    /// `[churn]`.
    pub churn: ChurnConfig,
    /// `[growth]`.
    pub growth: GrowthConfig,
    /// `[bid_bots]`.
    pub bid_bots: BidBotConfig,
    /// `[adaptation]`.
    pub adaptation: AdaptationConfig,
    /// `[output]`.
    pub output: OutputConfig,
    /// `[pools.NAME]`: the community tokens beside the base chain, in the order written.
    pub pools: Vec<PoolScenario>,
}

/// `[simulation]`: how long, how finely and how often to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SimulationConfig {
    /// Simulated days written to the outputs (1..=3650).
    pub days: u32,
    /// Days simulated before day 0 and left out of the outputs, so recent_claims and the
    /// reward balance reach the simulated world's own steady state (0..=365).
    pub warmup_days: u32,
    /// Master seed; every random stream is derived from it (any u64).
    pub seed: u64,
    /// Step length, seconds: a multiple of the 3-second block interval that divides a day
    /// (default 3600).
    pub step_seconds: u32,
    /// Independent runs with the same scenario and derived seeds (1..=1000).
    pub replicates: u32,
}

/// `[inflation]` values used by the engine beyond the mechanics' rate and split (which live
/// in [`Rules`]: `inflation_rate_*`, `content_reward_percent`, `vesting_reward_percent`,
/// `sps_fund_percent`; witnesses get the rest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InflationConfig {
    /// The chain's head block number at the start of the warm-up; sets where on the
    /// narrowing schedule the simulation starts.
    pub start_block: u32,
}

/// `[market]`: the price feed and the SBD side of payouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketConfig {
    /// The median price feed, constant over the run (milli-SBD per milli-STEEM as a ratio).
    pub price: Price,
    /// SBD print rate, basis points (10000 = all SBD parts printed as SBD).
    pub sbd_print_rate: u16,
    /// Authors' `percent_steem_dollars`, basis points (10000 = half of the author reward in
    /// SBD, the chain's default; 0 = all STEEM/SP).
    pub percent_steem_dollars: u16,
}

/// `[population]`: who is in the world and how active they are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PopulationConfig {
    /// Number of accounts (10..=10,000,000).
    pub accounts: u32,
    /// Probability that an account is active on a given day (0..=1).
    pub daily_active_share: f64,
    /// Share of accounts that write posts (roles overlap; 0..=1).
    pub author_share: f64,
    /// Share of accounts that vote (0..=1).
    pub curator_share: f64,
    /// Share of accounts that power up and down (0..=1).
    pub stakeholder_share: f64,
    /// Initial staked STEEM per account.
    pub stake: StakeDistribution,
    /// Each account's initial liquid STEEM as a share of its initial stake (0..=10).
    pub liquid_ratio: f64,
    /// Initial VESTS per STEEM (the vesting share price), 1..=1,000,000.
    pub vests_per_steem: u64,
    /// Author quality: normal(mean, sd) clipped to 0..=1.
    pub quality_mean: f64,
    /// See [`PopulationConfig::quality_mean`] (0..=1).
    pub quality_sd: f64,
    /// Mean posts per active author per day (Poisson; 0..=100).
    pub posts_per_author_day: f64,
    /// Mean votes per active curator per day (Poisson; 0..=1000).
    pub votes_per_curator_day: f64,
}

/// How initial stake is drawn per account. Amounts are milli-STEEM.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "distribution", rename_all = "snake_case")]
pub enum StakeDistribution {
    /// Pareto with scale `min` and shape `alpha` (heavier tail as alpha → 1), capped at `max`.
    Pareto {
        /// Shape (0.1..=10).
        alpha: f64,
        /// Smallest stake, milli-STEEM.
        min: i64,
        /// Largest stake, milli-STEEM (≥ min).
        max: i64,
    },
    /// Lognormal with the given median and sigma of the log, capped at `max`.
    Lognormal {
        /// Median stake, milli-STEEM.
        median: i64,
        /// Standard deviation of ln(stake) (0..=10).
        sigma: f64,
        /// Largest stake, milli-STEEM.
        max: i64,
    },
}

/// `[behaviour]`: how curators choose and how stakeholders move stake.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BehaviourConfig {
    /// Shares of curators by strategy; sums to 1.
    pub strategies: StrategyMix,
    /// Where an honest curator's candidates come from; sums to 1.
    pub discovery: DiscoveryMix,
    /// Authors each account follows (0..=1000), chosen when it joins.
    pub follows_per_account: u32,
    /// Preferential attachment of follows, per follower (0..=10): an author is followed
    /// with probability ∝ (0.1 + quality) × (1 + this × its present followers); 0 = by
    /// quality alone. Default 0.01 (assumption: on the steem-hf21 world the follower
    /// distribution's tail exponent is then ≈ 2.7, inside the 2–3 of social networks;
    /// behaviour::social).
    pub follow_attachment: f64,
    /// Posts an honest curator looks at before each vote (1..=100).
    pub candidates_per_vote: u32,
    /// Standard deviation of a curator's error in perceiving quality (0..=10).
    pub perception_noise: f64,
    /// Lowest perceived quality an honest curator upvotes (0..=1).
    pub quality_threshold: f64,
    /// Share of a self-voter's votes that go to its own live posts (0..=1).
    pub self_vote_share: f64,
    /// Comments a day (mean, 0..=100) a self-voter writes on top of any posts, to vote
    /// them, on days when a self-vote pays (`behaviour::curator::self_vote_pays` for a new
    /// post). Default 2 (assumption, set so that HF19–HF20 land in C5).
    pub self_vote_comments_per_day: f64,
    /// Vote weight curators use, basis points (1..=10000).
    pub vote_weight: u16,
    /// How long after a post is created a curation maximiser aims to vote, seconds.
    pub maximiser_delay_seconds: u32,
    /// How long after its leader's upvote a trail follower casts the same vote, seconds (a
    /// multiple of the 3-second block interval, 3..=86400). Default 300 (assumption: just
    /// past the HF21 reverse-auction window, where an earlier vote loses curation).
    pub trail_delay_seconds: u32,
    /// How many of the largest present curators trail followers choose their leaders
    /// among (1..=10000). Default 100 (assumption).
    pub trail_leaders: u32,
    /// Probability per day that an active stakeholder powers up (0..=1).
    pub power_up_probability: f64,
    /// Share of liquid STEEM a power up moves (0..=1).
    pub power_up_share: f64,
    /// Probability per day that an active stakeholder starts a power down (0..=1).
    pub power_down_probability: f64,
    /// Share of VESTS a power down withdraws (0..=1).
    pub power_down_share: f64,
    /// Staking yield (per year, a fraction) at which stakeholders power up and down at the
    /// probabilities above; above it they power up more and down less (0..=10; 0 = no
    /// response). Default 0.02 (assumption: about HF21's yield with ~60% of supply staked).
    pub yield_reference: f64,
    /// Elasticity of that response (0..=10). Default 1 (assumption).
    pub yield_elasticity: f64,
    /// A pool's new tokens per year as a fraction of the virtual supply (inflation rate ×
    /// content share × the authors' or curators' share) at which authors post and
    /// curators vote at the population's rates (0..=10; 0 = no response). Default 0.027
    /// (either pool under HF21 rules at block 35,000,000: 8.38% × 65% × 50%).
    pub reward_rate_reference: f64,
    /// Elasticity of the authors' posting rate in the authors' pool (0..=10). Default 0.5
    /// (assumption).
    pub author_reward_elasticity: f64,
    /// Elasticity of the curators' voting rate in the curators' pool (0..=10). Default
    /// 0.5 (assumption).
    pub curation_reward_elasticity: f64,
}

/// Shares of the curator strategies (sum 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrategyMix {
    /// Votes for quality as perceived.
    pub honest: f64,
    /// Votes own posts first.
    pub self_voter: f64,
    /// Votes early on posts expected to earn much.
    pub curation_maximiser: f64,
    /// Sells votes (bid bots).
    pub vote_seller: f64,
    /// Buys votes for its posts when they are expected to pay.
    pub vote_buyer: f64,
    /// Downvotes visibly over-rewarded posts.
    pub downvoter: f64,
    /// Copies a leader's upvotes (a curation trail).
    pub trail_follower: f64,
}

impl StrategyMix {
    /// The shares in the order of the keys (honest, self_voter, curation_maximiser,
    /// vote_seller, vote_buyer, downvoter, trail_follower).
    pub fn shares(&self) -> [f64; 7] {
        [
            self.honest,
            self.self_voter,
            self.curation_maximiser,
            self.vote_seller,
            self.vote_buyer,
            self.downvoter,
            self.trail_follower,
        ]
    }
}

/// Shares of the discovery channels (sum 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiscoveryMix {
    /// Newest posts.
    pub new: f64,
    /// Highest pending payout.
    pub trending: f64,
    /// Latest posts of followed authors.
    pub followed: f64,
}

/// Who sees a post's payout, and when (`[visibility] payouts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PayoutVisibility {
    /// Everyone sees live pending payouts (the chain's front ends): a trending list by
    /// pending payout exists, and past payouts are known.
    Public,
    /// An author sees only their own payouts, nobody sees others', before or after
    /// cashout: no trending list by payout, and nobody knows which authors earned most.
    Hidden,
    /// Pending payouts are hidden and revealed at cashout: no trending list by pending
    /// payout, but past payouts are known.
    AfterPayout,
    /// Everyone sees payouts, live and past, only as a rank bucket (which of
    /// `relative_buckets` equal parts of the current distribution they fall in), never
    /// amounts: a coarse trending list (the top bucket's posts, unordered) exists, past
    /// winners are known by bucket, and comparisons are by rank.
    Relative,
}

impl PayoutVisibility {
    /// The name used in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            PayoutVisibility::Public => "public",
            PayoutVisibility::Hidden => "hidden",
            PayoutVisibility::AfterPayout => "after_payout",
            PayoutVisibility::Relative => "relative",
        }
    }

    /// Whether others' live pending payouts can be seen, as amounts or as rank buckets (so
    /// a trending list by them exists: exact under `public`, coarse under `relative`).
    pub fn pending_visible(self) -> bool {
        matches!(self, PayoutVisibility::Public | PayoutVisibility::Relative)
    }

    /// Whether others' past (cashed-out) payouts can be seen, as amounts or as rank
    /// buckets.
    pub fn paid_visible(self) -> bool {
        self != PayoutVisibility::Hidden
    }

    /// Whether what is seen of others' payouts is only their rank bucket (`relative`).
    pub fn ranks_only(self) -> bool {
        self == PayoutVisibility::Relative
    }
}

/// `[visibility]`: what agents can observe of each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisibilityConfig {
    /// Payout visibility mode.
    pub payouts: PayoutVisibility,
    /// Rank buckets under `payouts = "relative"` (2..=100): payouts are shown as which of
    /// this many equal parts of the distribution they fall in. Default 5 (fifths).
    pub relative_buckets: u32,
    /// Whether voter identities are visible (default true, as on chain): who voted on a
    /// post, so self-votes (and bought votes) can be told from others'.
    pub voters: bool,
    /// Whether others' post and vote counts are visible (default true, as on chain), so
    /// accounts can compare their activity with their group's (`[norms]`).
    pub activity_counts: bool,
}

/// `[norms]`: activity norms, the response to seeing others' activity counts (Chen, Harper,
/// Konstan & Li 2010); used only with `[visibility] activity_counts = true`. Each active
/// account compares its recent posts (if an author) and votes (if a curator) a day with
/// the median of its comparison group's, and scales that rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NormsConfig {
    /// Largest rise of the rate of an account far below its group's median: the rate is
    /// multiplied by 1 + this × (median − own) / median (0..=10). Default 0.25
    /// (assumption: a twentieth of MovieLens's +530%).
    pub below_median_raise: f64,
    /// Largest cut of the rate of an account far above its group's median: the rate is
    /// multiplied by 1 − this × (own − median) / own (0..=1). Default 0.03 (assumption: a
    /// twentieth of MovieLens's −62%).
    pub above_median_cut: f64,
    /// Memory of the activity an account is judged by, days (an exponential average of
    /// the daily counts with weight 1/days; 1..=365). Default 30 (assumption: a month of
    /// posts and votes, long enough to span several active days at 10% a day).
    pub memory_days: f64,
}

impl Default for NormsConfig {
    fn default() -> Self {
        NormsConfig {
            below_median_raise: 0.25,
            above_median_cut: 0.03,
            memory_days: 30.0,
        }
    }
}

/// A discrete distribution of a parameter over accounts: `values[k]` for a share
/// `shares[k]` of accounts (as many shares as values, summing to 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeShares {
    /// The parameter's values.
    pub values: Vec<f64>,
    /// The share of accounts with each value; same length as `values`, sums to 1.
    pub shares: Vec<f64>,
}

impl TypeShares {
    /// The value for a uniform draw `u` in [0, 1): the first value whose running share
    /// exceeds `u` (the last one if rounding leaves `u` past them all).
    pub fn pick(&self, u: f64) -> f64 {
        let mut running = 0.0;
        for (&value, &share) in self.values.iter().zip(&self.shares) {
            running += share;
            if u < running {
                return value;
            }
        }
        self.values.last().copied().unwrap_or(0.0)
    }

    /// The mean value.
    pub fn mean(&self) -> f64 {
        self.values
            .iter()
            .zip(&self.shares)
            .map(|(v, s)| v * s)
            .sum()
    }
}

/// `[envy]`: the jealousy model (docs/model.md §5; equations in `behaviour::envy`).
/// Defaults and their sources are in docs/model.md.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnvyConfig {
    /// Whether accounts compare rewards at all; when false satisfaction stays 0, so rates
    /// are as planned and the exit hazard is the base one.
    pub enabled: bool,
    /// Envy (disadvantageous inequity aversion, α) by type. Default: Fehr & Schmidt's
    /// 0 / 0.5 / 1 / 4 for 30 / 30 / 30 / 10% of people (mean 0.85).
    pub alpha: TypeShares,
    /// Guilt (advantageous inequity aversion, β) by type. Default: 0 / 0.25 / 0.6 for
    /// 30 / 30 / 40% (mean 0.315).
    pub beta: TypeShares,
    /// Weight of envy at the part of a peer's lead that its visible quality explains,
    /// 0..=1. Default 0 (Breza et al.: no effect when pay tracked visible productivity).
    pub justified_weight: f64,
    /// Whether envy acts only below the median of the horizontal group (Card et al.).
    /// Default true.
    pub below_median_only: bool,
    /// A peer with at least this many times my stake (both plus 1 STEEM) is a "boss" whose
    /// higher rewards inspire rather than cause envy (1..=1e6). Default 10 (assumption).
    pub vertical_stake_ratio: f64,
    /// Weight of a boss's lead as inspiration (0..=10). Default 0.25 (assumption; the sign
    /// is Cullen & Perez-Truglia's).
    pub inspiration: f64,
    /// Smallest reward scale, STEEM per day (> 0), so that an account and group who earned
    /// nothing compare as equals rather than dividing by zero. Default 0.01 (assumption).
    pub reward_floor: f64,
    /// Weight of a day's signal in satisfaction, 0..=1 (an exponential memory of about
    /// 1/weight active days). Default 0.1 (assumption).
    pub memory_weight: f64,
    /// Activity multiplier at satisfaction −1 (its inverse at +1), 0.1..=1. Default 0.88
    /// (Breza et al.: unjustified pay differences cut attendance by 12%).
    pub activity_at_worst: f64,
    /// Exit hazard multiplier at satisfaction −1 (its inverse at +1), ≥ 1. Default 1.75
    /// (Mas 2017: pay transparency raised top managers' quit rate by 75%).
    pub exit_at_worst: f64,
    /// Accounts of the nearest initial stake added to the followed authors to form the
    /// comparison group (0..=100; half below, half above). Default 4 (assumption).
    pub stake_peers: u32,
    /// Memory of the visible earnings an account is judged by, days (an exponential
    /// average with weight 1/days per day; 1..=365). Default 7 (the payout window).
    pub earnings_memory_days: f64,
}

impl Default for EnvyConfig {
    fn default() -> Self {
        EnvyConfig {
            enabled: true,
            alpha: TypeShares {
                values: vec![0.0, 0.5, 1.0, 4.0],
                shares: vec![0.3, 0.3, 0.3, 0.1],
            },
            beta: TypeShares {
                values: vec![0.0, 0.25, 0.6],
                shares: vec![0.3, 0.3, 0.4],
            },
            justified_weight: 0.0,
            below_median_only: true,
            vertical_stake_ratio: 10.0,
            inspiration: 0.25,
            reward_floor: 0.01,
            memory_weight: 0.1,
            activity_at_worst: 0.88,
            exit_at_worst: 1.75,
            stake_peers: 4,
            earnings_memory_days: 7.0,
        }
    }
}

/// `[bid_bots]`: the market in which vote sellers sell their votes to vote buyers
/// (docs/model.md §7). Prices are ratios to the STEEM value of the seller's full vote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BidBotConfig {
    /// A new seller's asking price, as a ratio to its vote's value (0.01..=10). Default 0.65
    /// (assumption: 2018 bid bots were used while bids stayed below ~75% of the vote's
    /// value, the author's share).
    pub initial_price_ratio: f64,
    /// Daily change of a seller's price ratio: up by this factor when it sold its day's
    /// capacity, down otherwise (0..=1). Default 0.05 (assumption).
    pub price_step: f64,
    /// Return a buyer requires over the price: it buys when the expected author reward is
    /// at least price × (1 + margin) (0..=10). Default 0.1 (assumption).
    pub buyer_margin: f64,
    /// Weight of a seller's opportunity cost in its lowest price: it never asks less than
    /// this × the rules' curation share of its vote's value, the curation the vote would
    /// earn on a post of its own choosing (0..=10). Default 1 (assumption: the argument for
    /// HF21's 50% curation was exactly that selling must beat curating).
    pub opportunity_cost_weight: f64,
    /// Full-strength votes a seller sells a day at most, shares of votes adding up to it
    /// (0..=1000). Default 10 (~sustainable full-strength votes a day, evidence.md §1).
    pub votes_per_day: u32,
    /// Share of its liquid STEEM a buyer bids for a post (0..=1), with all it set aside
    /// from its payouts (`reinvest_share`), split evenly over its `bids_per_post` bids;
    /// each bid buys its share of the seller's full price in vote weight, the whole vote
    /// at most. Default 0.25
    /// (assumption: bid bots split each vote among the bidders by their bids \[comm\]).
    pub bid_share: f64,
    /// Share of its liquid author rewards (the SBD part at the price it was printed at, and
    /// any liquid STEEM) a buyer sets aside for bids (0..=1); what is set aside is spent
    /// on its next posts' bids, on top of `bid_share` of its liquid STEEM. Default 0.5
    /// (assumption, calibrated to evidence C7: bid-bot users bid with their payouts
    /// \[comm\], and spent the rest).
    pub reinvest_share: f64,
    /// Bids a buyer places for each post (1..=100), each with a seller drawn in proportion
    /// to its stake (own and leased VESTS: the size of its vote). Default 4 (assumption:
    /// authors bid on several bots per post, chosen from public lists of the bots' vote
    /// values \[comm\]).
    pub bids_per_post: u32,
    /// Share of a seller's bid income on leased stake passed to its delegators (0..=1):
    /// each delegator gets this share of the income × its VESTS ÷ the seller's own and
    /// received VESTS. Default 0.9 (assumption from 2018 bots' terms, 80–95% \[comm\]).
    pub delegator_share: f64,
    /// Share of the VESTS it may delegate that a stakeholder leases to a seller when
    /// leasing pays (0..=1; 0 = nobody leases). Default 0.5 (assumption).
    pub lease_share: f64,
    /// Return a stakeholder requires from leasing over curating: it leases when a STEEM
    /// leased earns at least curation per STEEM × (1 + margin) (0..=10). Default 0.1
    /// (assumption, as `buyer_margin`).
    pub lease_margin: f64,
    /// Sellers a stakeholder compares when it considers leasing, drawn uniformly; it
    /// leases to the one whose delegators earned most (1..=100). Default 3 (assumption).
    pub lease_candidates: u32,
    /// Probability a day (0..=1) that an active account reconsiders its place in the vote
    /// market: an honest curator becomes a seller if selling pays more than curating at
    /// the market's price and fill, an honest author a buyer if buying pays at the lowest
    /// price; sellers and buyers for whom it stopped paying go back to honest. With the
    /// same probability (its own draw) an account other than a seller starts leasing stake
    /// to a seller, or takes its lease back, by whether leasing pays more than curating.
    /// Default 0.02 (assumption, as `[adaptation] imitation_rate`).
    pub entry_rate: f64,
}

impl Default for BidBotConfig {
    fn default() -> Self {
        BidBotConfig {
            initial_price_ratio: 0.65,
            price_step: 0.05,
            buyer_margin: 0.1,
            opportunity_cost_weight: 1.0,
            votes_per_day: 10,
            bid_share: 0.25,
            reinvest_share: 0.5,
            bids_per_post: 4,
            delegator_share: 0.9,
            lease_share: 0.5,
            lease_margin: 0.1,
            lease_candidates: 3,
            entry_rate: 0.02,
        }
    }
}

/// `[adaptation]`: accounts switching strategy by imitating better-earning peers
/// (proportional imitation; docs/model.md §7).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdaptationConfig {
    /// Daily probability that an active account compares its strategy's return with a peer's
    /// (0..=1; 0 = strategies never change). Default 0.02 (assumption).
    pub imitation_rate: f64,
    /// Size of the stake neighbourhood a peer is drawn from: accounts within ±peers/2 ranks
    /// of initial stake (2..=10000). Default 20 (assumption).
    pub peers: u32,
}

impl Default for AdaptationConfig {
    fn default() -> Self {
        AdaptationConfig {
            imitation_rate: 0.02,
            peers: 20,
        }
    }
}

/// `[churn]`: accounts leaving.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChurnConfig {
    /// Daily probability of leaving at satisfaction 0 with no ties, 0..=1. Default 0.0032
    /// (evidence.md C9: a cohort's active share falls by ≈0.38 over ~300 days).
    pub base_exit_hazard: f64,
    /// How much each economic tie (an account that voted on one's last paid post) lowers
    /// the exit hazard: it is divided by 1 + weight × ties (0..=10). Default 0.05
    /// (assumption; the direction is Ba et al. 2022).
    pub tie_weight: f64,
    /// How much each present follower lowers the exit hazard: it is divided by 1 +
    /// `tie_weight` × ties + this × followers (0..=10; 0 = followers do not count). Default
    /// 0.005 (assumption: a follow is a tenth of a vote on one's last paid post, since it
    /// pays nothing; the direction is Ba et al. 2022).
    pub follower_tie_weight: f64,
    /// Probability that a leaving account powers all its stake down (and sells it: the
    /// STEEM leaves with it), 0..=1. Default 0.5 (assumption).
    pub power_down_on_exit: f64,
}

impl Default for ChurnConfig {
    fn default() -> Self {
        ChurnConfig {
            base_exit_hazard: 0.0032,
            tie_weight: 0.05,
            follower_tie_weight: 0.005,
            power_down_on_exit: 0.5,
        }
    }
}

/// `[growth]`: newcomers. Arrivals on day d (counted from the start of the warm-up) are
/// `arrivals_per_day` × (1 + `arrivals_growth_per_year`)^(d / 365), accumulated and rounded
/// down, so the schedule is exact and the same in every replicate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GrowthConfig {
    /// Accounts arriving per day at the start of the warm-up (0..=1,000,000). Default 0.
    pub arrivals_per_day: f64,
    /// Yearly growth of the arrival rate, a fraction (−0.99..=100; 0 = constant).
    pub arrivals_growth_per_year: f64,
    /// Stake a newcomer starts with, milli-STEEM: vested for it at arrival from the
    /// liquid STEEM of the account with the largest initial stake (the account creator, as
    /// Steemit Inc. paid account creation fees on chain). Default 100 STEEM (the default
    /// world's stakes are the chain's ×100, so this is a scaled 1 STEEM).
    pub newcomer_stake: i64,
}

impl GrowthConfig {
    /// Cumulative arrivals over `days` days: entry d is the number of accounts that have
    /// arrived before day d (d = 0..=days).
    pub fn schedule(&self, days: u32) -> Vec<u64> {
        let mut total = 0.0f64;
        let mut out = Vec::with_capacity(days as usize + 1);
        out.push(0);
        for d in 0..days {
            total += self.arrivals_per_day
                * (1.0 + self.arrivals_growth_per_year).powf(f64::from(d) / 365.0);
            out.push(total.floor() as u64);
        }
        out
    }
}

/// `[output]`: which optional outputs to write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutputConfig {
    /// Write posts.csv (one row per paid-out post; large).
    pub posts_csv: bool,
    /// Draw charts (PNG).
    pub charts: bool,
}

impl Default for Scenario {
    /// The `steem-hf21` preset's mechanics and behaviour on a small, short world (2,000
    /// accounts, 30 days, no warm-up): a base for tests and benchmarks.
    fn default() -> Scenario {
        let era = Era::SteemHf21;
        Scenario {
            name: "default".to_string(),
            simulation: SimulationConfig {
                days: 30,
                warmup_days: 0,
                seed: 1,
                step_seconds: 3600,
                replicates: 1,
            },
            era,
            rules: Rules::for_era(era),
            inflation: InflationConfig {
                start_block: 35_000_000,
            },
            market: MarketConfig {
                price: Price::new(250, 1000).expect("valid price"),
                sbd_print_rate: 10_000,
                percent_steem_dollars: 10_000,
            },
            population: PopulationConfig {
                accounts: 2_000,
                daily_active_share: 0.1,
                author_share: 0.3,
                curator_share: 0.8,
                stakeholder_share: 0.1,
                // Calibrated to evidence C1–C2 (see scenarios/steem-hf21.toml).
                stake: StakeDistribution::Pareto {
                    alpha: 0.7,
                    min: 100_000,
                    max: 100_000_000_000,
                },
                liquid_ratio: 0.1,
                vests_per_steem: 2_000,
                quality_mean: 0.5,
                quality_sd: 0.2,
                posts_per_author_day: 1.0,
                votes_per_curator_day: 10.0,
            },
            behaviour: BehaviourConfig {
                strategies: StrategyMix {
                    honest: 0.6,
                    self_voter: 0.1,
                    curation_maximiser: 0.15,
                    vote_seller: 0.02,
                    vote_buyer: 0.08,
                    downvoter: 0.0,
                    trail_follower: 0.05,
                },
                discovery: DiscoveryMix {
                    new: 0.4,
                    trending: 0.3,
                    followed: 0.3,
                },
                follows_per_account: 20,
                follow_attachment: 0.01,
                candidates_per_vote: 8,
                perception_noise: 0.15,
                quality_threshold: 0.3,
                self_vote_share: 1.0,
                self_vote_comments_per_day: 2.0,
                vote_weight: 10_000,
                maximiser_delay_seconds: 300,
                trail_delay_seconds: 300,
                trail_leaders: 100,
                power_up_probability: 0.02,
                power_up_share: 0.5,
                power_down_probability: 0.005,
                power_down_share: 0.5,
                yield_reference: 0.02,
                yield_elasticity: 1.0,
                reward_rate_reference: 0.027,
                author_reward_elasticity: 0.5,
                curation_reward_elasticity: 0.5,
            },
            visibility: VisibilityConfig {
                payouts: PayoutVisibility::Public,
                relative_buckets: 5,
                voters: true,
                activity_counts: true,
            },
            norms: NormsConfig::default(),
            envy: EnvyConfig::default(),
            churn: ChurnConfig::default(),
            bid_bots: BidBotConfig::default(),
            adaptation: AdaptationConfig::default(),
            growth: GrowthConfig {
                arrivals_per_day: 0.0,
                arrivals_growth_per_year: 0.0,
                newcomer_stake: 100_000,
            },
            output: OutputConfig {
                posts_csv: false,
                charts: true,
            },
            pools: Vec::new(),
        }
    }
}
