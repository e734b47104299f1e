//! Which post a curator votes on, and whether up or down:
//!
//! * **honest** — looks at `candidates_per_vote` posts found through the discovery channels
//!   (newest posts of the last day, the trending list, followed authors' latest posts) and
//!   upvotes the one with the best quality as it perceives it (quality + normal noise), if
//!   that clears `quality_threshold`. Without visible pending payouts there is no trending
//!   list: its share of the draws goes to the newest posts (under relative payouts the list
//!   is the top rank bucket's posts);
//! * **self_voter** — with probability `self_vote_share` considers its own latest live post,
//!   and upvotes it if that pays ([`self_vote_pays`]: the payout the vote adds to its own
//!   post against the curation the same rshares earn at the going rate — under the
//!   quadratic curve a small account's self-vote adds almost nothing, under linear curves
//!   it adds the vote's full value); otherwise acts as honest;
//! * **curation_maximiser** — among young posts (created in the last day and at least
//!   `maximiser_delay_seconds` ago) picks the one whose author's last post paid most,
//!   regardless of quality: voting early on likely winners earns the most curation. Under
//!   relative payouts it sees only the winners' rank buckets (ties to the oldest); with
//!   payouts hidden it cannot tell past winners, and takes the oldest of its candidates;
//! * **downvoter** — downvotes the trending post it perceives as worst if that is below
//!   `quality_threshold` (a visible payout its quality does not justify; only while pending
//!   payouts are visible, as amounts or as `relative`'s coarse list), otherwise acts as
//!   honest;
//! * **vote_seller** and **vote_buyer** curate as honest here; their trade is
//!   [`super::bid_bots`], run by the engine.
//! * **trail_follower** decides nothing while it has a leader: the engine casts its
//!   leader's upvotes for it ([`super::trail`]); without one it curates as honest here.
//!
//! Evidence vs assumption: the strategies are the ones the community describes (evidence.md
//! C5 self-votes, C6/C7 collusive and paid votes); their parameters are assumptions until
//! calibrated.

use rand::{Rng, RngCore};
use rand_distr::{Distribution, Normal};

use super::plan::DAY_SECONDS;
use super::population::Strategy;
use super::rng::{unit_f64, Stream};
use super::view::{PostFacts, VoteValue, WorldView, NO_POST};
use crate::memory::prefetch;
use crate::scenario::BehaviourConfig;

/// Scratch space for [`choose_vote`], reused across votes so that choosing allocates
/// nothing in steady state. Its contents between calls mean nothing.
#[derive(Debug, Clone, Default)]
pub struct ChoiceScratch {
    /// Candidates drawn, before their posts are read.
    picks: Vec<Pick>,
    /// The maximiser's candidates' post ids ([`NO_POST`] for none), in draw order.
    ids: Vec<u64>,
    /// The honest candidates, in draw order.
    candidates: Vec<Candidate>,
    /// (score, post id) of the candidates worth voting on.
    ranked: Vec<(f64, u64)>,
}

/// A drawn candidate: a post, or the latest post of a followed author (read later, so the
/// reads of all candidates of a vote are in flight together).
#[derive(Debug, Clone, Copy)]
enum Pick {
    Post(u64),
    LatestOf(u32),
}

/// A candidate post ([`NO_POST`] for none) and, for a followed author's latest post, its
/// facts, read with the author's entry.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    id: u64,
    known: Option<PostFacts>,
}

/// Chooses the post `voter` upvotes at `now`, or `None` to skip this vote.
/// `vote_rshares` is what the voter's vote would be worth now (rshares at full weight;
/// read only by the self-voter). `already_voted(post)` tells whether the voter has already
/// voted on a post.
#[allow(clippy::too_many_arguments)]
pub fn choose_vote(
    view: &WorldView<'_>,
    config: &BehaviourConfig,
    voter: u32,
    strategy: Strategy,
    now: u32,
    vote_rshares: i64,
    rng: &mut Stream,
    already_voted: impl Fn(u64) -> bool,
    scratch: &mut ChoiceScratch,
) -> Option<Choice> {
    let posts = &view.posts;
    if posts.is_empty() {
        return None;
    }
    // Cheap test first; the duplicate test runs only on the candidates actually ranked
    // first, best first.
    let open = |id: u64| -> Option<usize> {
        let i = posts.index_of(id)?;
        view.is_open(posts.facts[i].created, now).then_some(i)
    };
    scratch.ranked.clear();
    match strategy {
        Strategy::SelfVoter if unit_f64(rng.next_u64()) < config.self_vote_share => {
            let own = view.latest_post[voter as usize];
            if let Some(i) = posts.index_of(own.id) {
                if view.is_open(own.facts.created, now)
                    && self_vote_pays(&view.vote_value, posts.net_rshares[i], vote_rshares)
                    && !already_voted(own.id)
                {
                    return Some(Choice::up(own.id));
                }
            }
            honest(view, config, voter, now, rng, scratch);
        }
        Strategy::CurationMaximiser => maximiser(view, config, now, rng, &open, scratch),
        Strategy::Downvoter => {
            if let Some(target) = over_rewarded(view, config, now, rng, &already_voted) {
                return Some(Choice {
                    post: target,
                    downvote: true,
                });
            }
            honest(view, config, voter, now, rng, scratch);
        }
        _ => honest(view, config, voter, now, rng, scratch),
    }
    best_not_voted(&mut scratch.ranked, already_voted).map(Choice::up)
}

/// Whether a self-vote of `rshares` on the voter's own post, now at `own_net_rshares`,
/// pays the voter at least what the same rshares earn curating others' posts. The self-vote
/// is worth the whole payout it adds to the post (claims under the rules' curve at the
/// current price per claim): the author's share and, as the post's main voter, most of
/// its curation (an approximation). Curating is worth the curation share of what recently
/// paid posts paid per rshare. Before any post has paid there is no going rate, and the
/// self-vote is taken. A vote of no rshares pays nothing.
pub fn self_vote_pays(value: &VoteValue, own_net_rshares: i64, rshares: i64) -> bool {
    if rshares <= 0 {
        return false;
    }
    let Some(going_rate) = value.paid_per_rshare else {
        return true;
    };
    let before = own_net_rshares.max(0) as u128;
    let own = value.added_payout(before, rshares as u128);
    let curating = value.curation_share * rshares as f64 * going_rate;
    own >= curating
}

/// What a curator votes: an upvote, or a downvote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The post.
    pub post: u64,
    /// A downvote (negative weight) instead of an upvote.
    pub downvote: bool,
}

impl Choice {
    /// An upvote of `post`.
    pub fn up(post: u64) -> Choice {
        Choice {
            post,
            downvote: false,
        }
    }
}

/// A downvoter's target: among `candidates_per_vote` posts drawn from the trending list
/// (which exists only while pending payouts are visible), the one it perceives as worst,
/// if its perceived quality (quality + noise) is below `quality_threshold`: a post whose
/// visible payout its quality does not justify. `None` when there is no such post.
fn over_rewarded(
    view: &WorldView<'_>,
    config: &BehaviourConfig,
    now: u32,
    rng: &mut Stream,
    already_voted: &impl Fn(u64) -> bool,
) -> Option<u64> {
    if !view.payouts.pending_visible() || view.trending.is_empty() {
        return None;
    }
    let noise = Normal::new(0.0, config.perception_noise.max(0.0)).expect("finite sd");
    let mut worst: Option<(f64, u64)> = None;
    for _ in 0..config.candidates_per_vote {
        let id = view.trending[rng.random_range(0..view.trending.len())];
        let perceived = match view.posts.index_of(id) {
            Some(i) if view.is_open(view.posts.facts[i].created, now) => {
                f64::from(view.posts.facts[i].quality) + noise.sample(rng)
            }
            _ => continue,
        };
        if perceived < config.quality_threshold
            && worst.is_none_or(|(w, wid)| perceived < w || (perceived == w && id < wid))
        {
            worst = Some((perceived, id));
        }
    }
    worst.map(|(_, id)| id).filter(|&id| !already_voted(id))
}

/// The best of `ranked` (highest score, ties to the lower post id, so the choice never
/// depends on anything else) not voted on yet (`already_voted` false), or `None`. Picks the best
/// and only looks further when it was voted on: the first pick nearly always stands, so
/// this beats sorting the candidates. Removes rejected posts from `ranked`.
fn best_not_voted(
    ranked: &mut Vec<(f64, u64)>,
    already_voted: impl Fn(u64) -> bool,
) -> Option<u64> {
    loop {
        let &(_, best) = ranked
            .iter()
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))?;
        if !already_voted(best) {
            return Some(best);
        }
        ranked.retain(|c| c.1 != best);
    }
}

/// Ranks honest candidates by perceived quality; only those clearing the threshold. All
/// `candidates_per_vote` channel and post draws come first, then one perception-noise draw
/// per open candidate, in draw order.
fn honest(
    view: &WorldView<'_>,
    config: &BehaviourConfig,
    voter: u32,
    now: u32,
    rng: &mut Stream,
    scratch: &mut ChoiceScratch,
) {
    let posts = &view.posts;
    let recent = view.recent_from..posts.len();
    let follows = view.follows_of(voter);
    let d = &config.discovery;
    // The same draw picks the channel whatever is visible, so the streams line up.
    let new_share = if view.payouts.pending_visible() {
        d.new
    } else {
        d.new + d.trending
    };
    scratch.picks.clear();
    for _ in 0..config.candidates_per_vote {
        let u = unit_f64(rng.next_u64());
        let pick = if u < new_share {
            if recent.is_empty() {
                continue;
            }
            Pick::Post(posts.first_id + rng.random_range(recent.clone()) as u64)
        } else if u < d.new + d.trending {
            if view.trending.is_empty() {
                continue;
            }
            Pick::Post(view.trending[rng.random_range(0..view.trending.len())])
        } else {
            if follows.is_empty() {
                continue;
            }
            let author = follows[rng.random_range(0..follows.len())];
            prefetch(&view.latest_post[author as usize]);
            Pick::LatestOf(author)
        };
        scratch.picks.push(pick);
    }
    scratch.candidates.clear();
    for &pick in &scratch.picks {
        let candidate = match pick {
            Pick::Post(id) => {
                if let Some(i) = posts.index_of(id) {
                    prefetch(&posts.facts[i]);
                }
                Candidate { id, known: None }
            }
            Pick::LatestOf(author) => {
                let latest = view.latest_post[author as usize];
                Candidate {
                    id: latest.id,
                    known: Some(latest.facts),
                }
            }
        };
        scratch.candidates.push(candidate);
    }
    let noise = Normal::new(0.0, config.perception_noise.max(0.0)).expect("finite sd");
    for candidate in &scratch.candidates {
        let Some(i) = posts.index_of(candidate.id) else {
            continue;
        };
        let facts = match candidate.known {
            Some(facts) => facts,
            None => posts.facts[i],
        };
        if !view.is_open(facts.created, now) {
            continue;
        }
        let perceived = f64::from(facts.quality) + noise.sample(rng);
        if perceived >= config.quality_threshold {
            scratch.ranked.push((perceived, candidate.id));
        }
    }
}

/// Ranks young posts by their author's last reward.
fn maximiser(
    view: &WorldView<'_>,
    config: &BehaviourConfig,
    now: u32,
    rng: &mut Stream,
    open: &impl Fn(u64) -> Option<usize>,
    scratch: &mut ChoiceScratch,
) {
    let posts = &view.posts;
    let from = view.first_recent_at_or_after(now.saturating_sub(DAY_SECONDS));
    let to = view.first_recent_at_or_after(now.saturating_sub(config.maximiser_delay_seconds) + 1);
    if from >= to {
        return;
    }
    scratch.ids.clear();
    for _ in 0..config.candidates_per_vote {
        let i = rng.random_range(from..to);
        prefetch(&posts.author[i]);
        scratch.ids.push(posts.first_id + i as u64);
    }
    // Without visible payouts every candidate looks alike; ties go to the lowest id.
    let paid_visible = view.payouts.paid_visible();
    for id in &mut scratch.ids {
        match open(*id) {
            Some(i) if paid_visible => prefetch(&view.last_author_reward[posts.author[i] as usize]),
            Some(_) => {}
            None => *id = NO_POST,
        }
    }
    for &id in &scratch.ids {
        let Some(i) = posts.index_of(id) else {
            continue;
        };
        let predicted = if paid_visible {
            view.past_payout(posts.author[i])
        } else {
            0
        };
        scratch.ranked.push((predicted as f64, id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::behaviour::rng::{Purpose, StreamKey};
    use crate::behaviour::view::{LatestPost, PostsView};
    use crate::mechanics::curve::RewardCurve;
    use crate::scenario::{DiscoveryMix, PayoutVisibility, Scenario};

    const NOW: u32 = 10 * DAY_SECONDS;

    /// Five live posts by authors 0..5, created an hour apart up to one hour before NOW,
    /// with quality rising with the id; account 5 follows every author.
    struct Fixture {
        author: Vec<u32>,
        facts: Vec<PostFacts>,
        latest_post: Vec<LatestPost>,
        last_author_reward: Vec<i64>,
        last_reward_bucket: Vec<u8>,
        follows: Vec<u32>,
        trending: Vec<u64>,
        payouts: PayoutVisibility,
        net_rshares: Vec<i64>,
        vote_value: VoteValue,
    }

    fn fixture() -> Fixture {
        let quality = [0.1, 0.5, 0.6, 0.8, 0.9];
        let facts: Vec<PostFacts> = (0..5)
            .map(|k| PostFacts {
                created: NOW - (5 - k) * 3_600,
                quality: quality[k as usize],
            })
            .collect();
        let mut latest_post: Vec<LatestPost> = (0..5)
            .map(|k| LatestPost {
                id: 100 + k as u64,
                facts: facts[k],
            })
            .collect();
        latest_post.push(LatestPost::NONE);
        Fixture {
            author: vec![0, 1, 2, 3, 4],
            facts,
            latest_post,
            last_author_reward: vec![5, 900, 7, 3, 1, 0],
            last_reward_bucket: vec![2, 3, 4, 1, 0, 0],
            follows: vec![0, 1, 2, 3, 4],
            trending: Vec::new(),
            payouts: PayoutVisibility::Public,
            net_rshares: vec![0; 5],
            vote_value: linear(None),
        }
    }

    /// Linear claims at one milli-STEEM per claim, 25% curation.
    fn linear(paid_per_rshare: Option<f64>) -> VoteValue {
        VoteValue {
            curve: RewardCurve::Linear,
            content_constant: 2_000_000_000_000,
            milli_steem_per_claim: 1.0,
            curation_share: 0.25,
            paid_per_rshare,
        }
    }

    fn view(f: &Fixture) -> WorldView<'_> {
        WorldView {
            step_start: NOW,
            cashout_window_seconds: 7 * DAY_SECONDS,
            posts: PostsView {
                first_id: 100,
                author: &f.author,
                facts: &f.facts,
                net_rshares: &f.net_rshares,
            },
            recent_from: 0,
            trending: &f.trending,
            payouts: f.payouts,
            voters_visible: true,
            latest_post: &f.latest_post,
            last_author_reward: &f.last_author_reward,
            last_reward_bucket: &f.last_reward_bucket,
            follows: &f.follows,
            follows_per_account: 1,
            vote_value: f.vote_value,
        }
    }

    fn config() -> BehaviourConfig {
        let mut c = Scenario::default().behaviour;
        c.candidates_per_vote = 64;
        c.perception_noise = 0.0;
        c.quality_threshold = 0.3;
        c.discovery = DiscoveryMix {
            new: 1.0,
            trending: 0.0,
            followed: 0.0,
        };
        c
    }

    fn choose(f: &Fixture, c: &BehaviourConfig, strategy: Strategy, voted: &[u64]) -> Option<u64> {
        choose_any(f, c, strategy, voted).map(|choice| {
            assert!(!choice.downvote);
            choice.post
        })
    }

    fn choose_any(
        f: &Fixture,
        c: &BehaviourConfig,
        strategy: Strategy,
        voted: &[u64],
    ) -> Option<Choice> {
        let mut rng = StreamKey {
            seed: 1,
            replicate: 0,
            account: 5,
            step: 3,
            purpose: Purpose::Decision,
        }
        .stream();
        choose_vote(
            &view(f),
            c,
            0,
            strategy,
            NOW,
            1_000_000_000,
            &mut rng,
            |id| voted.contains(&id),
            &mut ChoiceScratch::default(),
        )
    }

    #[test]
    fn honest_votes_the_best_post_it_has_not_voted_on() {
        let f = fixture();
        let c = config();
        assert_eq!(choose(&f, &c, Strategy::Honest, &[]), Some(104));
        assert_eq!(choose(&f, &c, Strategy::Honest, &[104]), Some(103));
        // Below the quality threshold nothing is worth a vote.
        assert_eq!(
            choose(&f, &c, Strategy::Honest, &[101, 102, 103, 104]),
            None
        );
    }

    #[test]
    fn followed_authors_latest_posts_are_candidates() {
        let f = fixture();
        let mut c = config();
        c.discovery = DiscoveryMix {
            new: 0.0,
            trending: 0.0,
            followed: 1.0,
        };
        // Voter 0 follows author 0 only (stride 1), whose latest post is 100 (quality 0.1).
        assert_eq!(choose(&f, &c, Strategy::Honest, &[]), None);
        c.quality_threshold = 0.0;
        assert_eq!(choose(&f, &c, Strategy::Honest, &[]), Some(100));
    }

    #[test]
    fn maximiser_votes_the_author_who_earned_most() {
        let f = fixture();
        let c = config();
        // Author 1 earned 900 last time; its post 101 wins regardless of quality.
        assert_eq!(choose(&f, &c, Strategy::CurationMaximiser, &[]), Some(101));
        assert_eq!(
            choose(&f, &c, Strategy::CurationMaximiser, &[101]),
            Some(102)
        );
    }

    #[test]
    fn downvoter_downvotes_trending_posts_its_quality_does_not_justify() {
        let mut f = fixture();
        // Post 100 has quality 0.1, below the 0.3 threshold; 104 has 0.9.
        f.trending = vec![100, 104];
        let c = config();
        let down = Choice {
            post: 100,
            downvote: true,
        };
        assert_eq!(choose_any(&f, &c, Strategy::Downvoter, &[]), Some(down));
        // Already voted on: it upvotes as honest instead.
        assert_eq!(
            choose_any(&f, &c, Strategy::Downvoter, &[100]),
            Some(Choice::up(104))
        );
        // Only good posts trend: nothing to police.
        f.trending = vec![104];
        assert_eq!(
            choose_any(&f, &c, Strategy::Downvoter, &[]),
            Some(Choice::up(104))
        );
        // Without visible pending payouts there is no trending list to police.
        f.trending = vec![100];
        for payouts in [PayoutVisibility::Hidden, PayoutVisibility::AfterPayout] {
            f.payouts = payouts;
            assert_eq!(
                choose_any(&f, &c, Strategy::Downvoter, &[]),
                Some(Choice::up(104)),
                "{payouts:?}"
            );
        }
    }

    #[test]
    fn trending_is_seen_only_with_public_pending_payouts() {
        let mut f = fixture();
        f.trending = vec![101];
        let mut c = config();
        c.discovery = DiscoveryMix {
            new: 0.0,
            trending: 1.0,
            followed: 0.0,
        };
        // Public: the trending list is the only channel, and it holds post 101 only; under
        // relative the (coarse) list is seen too.
        assert_eq!(choose(&f, &c, Strategy::Honest, &[]), Some(101));
        f.payouts = PayoutVisibility::Relative;
        assert_eq!(choose(&f, &c, Strategy::Honest, &[]), Some(101));
        // Hidden or revealed only at cashout: no trending list; those draws look at the
        // newest posts instead, where 104 is best.
        for payouts in [PayoutVisibility::Hidden, PayoutVisibility::AfterPayout] {
            f.payouts = payouts;
            assert_eq!(
                choose(&f, &c, Strategy::Honest, &[]),
                Some(104),
                "{payouts:?}"
            );
        }
    }

    #[test]
    fn maximiser_needs_visible_past_payouts() {
        let mut f = fixture();
        let c = config();
        f.payouts = PayoutVisibility::AfterPayout;
        assert_eq!(choose(&f, &c, Strategy::CurationMaximiser, &[]), Some(101));
        // Hidden: nothing tells the authors apart, so the oldest candidate is taken.
        f.payouts = PayoutVisibility::Hidden;
        assert_eq!(choose(&f, &c, Strategy::CurationMaximiser, &[]), Some(100));
        // Relative: only the buckets are seen, where author 2 ranks highest.
        f.payouts = PayoutVisibility::Relative;
        assert_eq!(choose(&f, &c, Strategy::CurationMaximiser, &[]), Some(102));
    }

    #[test]
    fn self_voter_votes_its_own_latest_post_first() {
        let f = fixture();
        let mut c = config();
        c.self_vote_share = 1.0;
        // Voter 0's latest post is 100, the worst one.
        assert_eq!(choose(&f, &c, Strategy::SelfVoter, &[]), Some(100));
        // Already voted on it: falls back to honest.
        assert_eq!(choose(&f, &c, Strategy::SelfVoter, &[100]), Some(104));
    }

    #[test]
    fn self_voter_curates_instead_when_its_own_post_pays_less() {
        let mut f = fixture();
        let mut c = config();
        c.self_vote_share = 1.0;
        // Linear claims: the self-vote returns its whole value, curating a quarter of the
        // going rate, which would have to be 4 milli-STEEM per rshare (the price per claim
        // being 1) to pay as much.
        f.vote_value = linear(Some(3.9));
        assert_eq!(choose(&f, &c, Strategy::SelfVoter, &[]), Some(100));
        f.vote_value = linear(Some(4.1));
        assert_eq!(choose(&f, &c, Strategy::SelfVoter, &[]), Some(104));
    }

    #[test]
    fn self_votes_pay_under_linear_curves_and_small_ones_not_under_quadratic() {
        let s: u128 = 2_000_000_000_000;
        let r: i64 = 1_000_000_000; // a small account's vote
                                    // Linear: claims = rshares, so a self-vote adds its full value; curating at the same
                                    // price earns the curation share of it.
        let linear = linear(Some(1.0));
        assert!(self_vote_pays(&linear, 0, r));
        assert!(self_vote_pays(&linear, 5_000_000_000_000, r));
        // Quadratic ((R + s)² − s²), priced so that a whale-voted post of 10¹⁴ rshares
        // pays one milli-STEEM per rshare: a small post's claims per rshare are ~2s/(s·50)
        // of that, and a small self-vote loses to curating at that going rate...
        let big: u128 = 100_000_000_000_000;
        let quadratic = |own: i64, going: f64| {
            let per_claim = big as f64 / ((big + s) * (big + s) - s * s) as f64;
            self_vote_pays(
                &VoteValue {
                    curve: RewardCurve::Quadratic,
                    content_constant: s,
                    milli_steem_per_claim: per_claim,
                    curation_share: 0.25,
                    paid_per_rshare: Some(going),
                },
                own,
                r,
            )
        };
        assert!(!quadratic(0, 1.0));
        // ...but on its own post of whale size it pays, as it does when paid posts were small.
        assert!(quadratic(big as i64, 1.0));
        assert!(quadratic(0, 0.1));
        // No going rate yet: it takes the self-vote. No rshares: nothing to gain.
        assert!(self_vote_pays(
            &VoteValue {
                paid_per_rshare: None,
                ..linear
            },
            0,
            r
        ));
        assert!(!self_vote_pays(&linear, 0, 0));
    }

    #[test]
    fn cashed_out_or_closed_posts_are_never_chosen() {
        let mut f = fixture();
        // Every post older than the cashout window.
        for facts in &mut f.facts {
            facts.created = 0;
        }
        for latest in &mut f.latest_post[..5] {
            latest.facts.created = 0;
        }
        let c = config();
        for s in [
            Strategy::Honest,
            Strategy::SelfVoter,
            Strategy::CurationMaximiser,
        ] {
            assert_eq!(choose(&f, &c, s, &[]), None, "{s:?}");
        }
    }

    #[test]
    fn best_not_voted_matches_sorting_every_candidate() {
        let sorted_choice = |ranked: &[(f64, u64)], voted: &[u64]| {
            let mut all = ranked.to_vec();
            all.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            all.iter().map(|c| c.1).find(|id| !voted.contains(id))
        };
        let mut rng = StreamKey {
            seed: 9,
            replicate: 0,
            account: 0,
            step: 0,
            purpose: Purpose::Decision,
        }
        .stream();
        for _ in 0..2_000 {
            let n = rng.random_range(0..10);
            // Few distinct ids and scores, so duplicates and ties are common.
            let ranked: Vec<(f64, u64)> = (0..n)
                .map(|_| (f64::from(rng.random_range(0..4u8)), rng.random_range(0..6)))
                .collect();
            let voted: Vec<u64> = (0..6).filter(|_| rng.random_bool(0.4)).collect();
            let expected = sorted_choice(&ranked, &voted);
            let mut scratch = ranked.clone();
            assert_eq!(
                best_not_voted(&mut scratch, |id| voted.contains(&id)),
                expected,
                "{ranked:?} voted {voted:?}"
            );
        }
    }

    #[test]
    fn same_stream_same_choice() {
        let f = fixture();
        let mut c = config();
        c.perception_noise = 0.5;
        c.candidates_per_vote = 3;
        let first = choose(&f, &c, Strategy::Honest, &[]);
        assert_eq!(choose(&f, &c, Strategy::Honest, &[]), first);
    }
}
