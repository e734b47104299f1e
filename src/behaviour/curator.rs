//! Which post a curator votes on. Three strategies (first version; the behaviour issue
//! deepens them):
//!
//! * **honest** — looks at `candidates_per_vote` posts found through the discovery channels
//!   (newest posts of the last day, the trending list, followed authors' latest posts) and
//!   upvotes the one with the best quality as it perceives it (quality + normal noise), if
//!   that clears `quality_threshold`;
//! * **self_voter** — with probability `self_vote_share` upvotes its own latest live post,
//!   otherwise acts as honest;
//! * **curation_maximiser** — among young posts (created in the last day and at least
//!   `maximiser_delay_seconds` ago) picks the one whose author's last post paid most,
//!   regardless of quality: voting early on likely winners earns the most curation.
//!
//! Evidence vs assumption: the strategies are the ones the community describes (evidence.md
//! C5 self-votes, C6/C7 collusive and paid votes); their parameters are assumptions until
//! calibrated.

use rand::{Rng, RngCore};
use rand_distr::{Distribution, Normal};

use super::plan::DAY_SECONDS;
use super::population::Strategy;
use super::rng::{unit_f64, Stream};
use super::view::{WorldView, NO_POST};
use crate::scenario::BehaviourConfig;

/// Chooses the post `voter` upvotes at `now`, or `None` to skip this vote.
/// `already_voted(post)` tells whether the voter has already voted on a post. `ranked` is
/// scratch space (its contents on entry are ignored), so a caller can reuse one buffer.
#[allow(clippy::too_many_arguments)]
pub fn choose_vote(
    view: &WorldView<'_>,
    config: &BehaviourConfig,
    voter: u32,
    strategy: Strategy,
    now: u32,
    rng: &mut Stream,
    already_voted: impl Fn(u64) -> bool,
    ranked: &mut Vec<(f64, u64)>,
) -> Option<u64> {
    let posts = &view.posts;
    if posts.is_empty() {
        return None;
    }
    // Cheap test first; the duplicate test runs only on the candidates actually ranked
    // first, best first.
    let open = |id: u64| -> Option<usize> {
        let i = posts.index_of(id)?;
        (posts.created[i] + view.cashout_window_seconds > now).then_some(i)
    };
    ranked.clear();
    match strategy {
        Strategy::SelfVoter if unit_f64(rng.next_u64()) < config.self_vote_share => {
            let own = view.latest_post[voter as usize];
            if own != NO_POST && open(own).is_some() && !already_voted(own) {
                return Some(own);
            }
            honest(view, config, voter, rng, &open, ranked);
        }
        Strategy::CurationMaximiser => maximiser(view, config, now, rng, &open, ranked),
        _ => honest(view, config, voter, rng, &open, ranked),
    }
    // Best first; ties by post id so the order never depends on anything else.
    ranked.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.dedup_by_key(|c| c.1);
    ranked
        .iter()
        .find(|&&(_, id)| !already_voted(id))
        .map(|&(_, id)| id)
}

/// Index range of posts created in the last day before `now`.
fn recent_range(view: &WorldView<'_>, now: u32) -> std::ops::Range<usize> {
    let from = view
        .posts
        .first_created_at_or_after(now.saturating_sub(DAY_SECONDS));
    from..view.posts.len()
}

/// Ranks honest candidates by perceived quality; only those clearing the threshold.
fn honest(
    view: &WorldView<'_>,
    config: &BehaviourConfig,
    voter: u32,
    rng: &mut Stream,
    open: &impl Fn(u64) -> Option<usize>,
    ranked: &mut Vec<(f64, u64)>,
) {
    let posts = &view.posts;
    let recent = recent_range(view, view.step_start);
    let follows = view.follows_of(voter);
    let noise = Normal::new(0.0, config.perception_noise.max(0.0)).expect("finite sd");
    let d = &config.discovery;
    for _ in 0..config.candidates_per_vote {
        let u = unit_f64(rng.next_u64());
        let candidate = if u < d.new {
            if recent.is_empty() {
                continue;
            }
            posts.first_id + rng.random_range(recent.clone()) as u64
        } else if u < d.new + d.trending {
            if view.trending.is_empty() {
                continue;
            }
            view.trending[rng.random_range(0..view.trending.len())]
        } else {
            if follows.is_empty() {
                continue;
            }
            view.latest_post[follows[rng.random_range(0..follows.len())] as usize]
        };
        if candidate == NO_POST {
            continue;
        }
        let Some(i) = open(candidate) else {
            continue;
        };
        let perceived = f64::from(posts.quality[i]) + noise.sample(rng);
        if perceived >= config.quality_threshold {
            ranked.push((perceived, candidate));
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
    ranked: &mut Vec<(f64, u64)>,
) {
    let posts = &view.posts;
    let from = posts.first_created_at_or_after(now.saturating_sub(DAY_SECONDS));
    let to =
        posts.first_created_at_or_after(now.saturating_sub(config.maximiser_delay_seconds) + 1);
    if from >= to {
        return;
    }
    for _ in 0..config.candidates_per_vote {
        let id = posts.first_id + rng.random_range(from..to) as u64;
        let Some(i) = open(id) else { continue };
        let predicted = view.last_author_reward[posts.author[i] as usize];
        ranked.push((predicted as f64, id));
    }
}
