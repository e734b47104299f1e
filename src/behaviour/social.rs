//! The social graph: who follows whom. Each account follows `follows_per_account` authors,
//! chosen when it joins, by preferential attachment with fitness: a present author j is
//! picked with probability ∝ fitness(qⱼ) × (1 + s × fⱼ), where fitness is 0.1 + quality,
//! fⱼ its present followers and s `[behaviour] follow_attachment` (per follower; s = 0 is
//! the quality-only draw).
//!
//! The graph grows in join order: the initial accounts join in id order (ids are random
//! labels, so the order is independent of everything else drawn), each following the
//! authors that joined before it; the first accounts, until `follows_per_account` + 1 authors
//! have joined, follow among those first authors (a seed, as Barabási–Albert's). Newcomers
//! (`[growth]`) join when they arrive and attach to the graph as it stands: authors
//! present then (not those that left, nor those yet to arrive), weighted by their present
//! followers. Nobody follows itself; an account's follows are distinct as long as there
//! are enough authors to choose from (after [`TRIES_PER_FOLLOW`] draws a repeat is kept).
//!
//! Evidence vs assumption: follower counts in real networks are heavy-tailed, and
//! popularity grows in proportion to itself (Garcia, Mavrodiev, Casati & Schweitzer 2017 on
//! Twitter: "a proportional growth process" \[abs\]; Kwak et al. 2010: the follower
//! distribution's top is heavier still than a power law \[abs\]); the degree exponents of
//! most social networks lie between 2 and 3 \[mem\]. The default s = 0.01 gives ≈ 2.7 on the
//! steem-hf21 world (a Hill estimate over the top 5% of authors; 0.02 gives ≈ 2.3, 0.005
//! ≈ 3.3): an assumption inside that range. Fitness as 0.1 + quality (Bianconi &
//! Barabási's fitness) and the seed are assumptions.
//!
//! Draws are integer-exact and come from each account's own stream (seed, replicate,
//! account, step 1, [`Purpose::Population`]): the graph does not depend on the thread
//! count.

use rand::Rng;

use super::population::{ABSENT, AUTHOR};
use super::rng::{Purpose, Stream, StreamKey};
use crate::memory::prefetch;

/// An author's fitness at the lowest quality (0.1 in thousandths).
const FITNESS_FLOOR: u64 = 100;
/// The highest fitness, 1.1 in thousandths (quality 1).
pub const FITNESS_MAX: u64 = 1_100;
/// One unit of attachment strength (strength is kept in thousandths per follower).
const STRENGTH_ONE: u64 = 1_000;
/// Draws per follow before a repeat (an author already followed) is accepted.
pub const TRIES_PER_FOLLOW: usize = 1_000;
/// Largest `follow_attachment` (per follower) the integer weights are sized for: with
/// at most 10,000,000 accounts following at most 1,000 authors each, every sum of weights
/// stays below 2⁶⁴.
pub use crate::scenario::sections::MAX_FOLLOW_ATTACHMENT as MAX_ATTACHMENT;

/// An author's fitness: 0.1 + quality, in thousandths (100..=1100).
pub fn fitness(quality: f32) -> u64 {
    FITNESS_FLOOR + (f64::from(quality.clamp(0.0, 1.0)) * 1000.0).round() as u64
}

/// `follow_attachment` (per follower, 0..=[`MAX_ATTACHMENT`]) in thousandths.
pub fn strength_units(follow_attachment: f64) -> u64 {
    (follow_attachment.clamp(0.0, MAX_ATTACHMENT) * 1000.0).round() as u64
}

/// A present author's attachment weight: fitness × (1000 + strength × followers), an
/// integer (strength in thousandths per follower).
pub fn weight(fitness: u64, followers: u32, strength: u64) -> u64 {
    fitness * (STRENGTH_ONE + strength * u64::from(followers))
}

/// The stream an account's follows are drawn from.
pub fn follow_stream(seed: u64, replicate: u32, account: u32) -> Stream {
    StreamKey {
        seed,
        replicate,
        account,
        step: 1,
        purpose: Purpose::Population,
    }
    .stream()
}

/// The follow graph as it stands: `k` followed ids per account (flattened) and each
/// account's present followers.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// Followed authors, `k` per account. An account with no author to follow has its own
    /// id in its slots (a placeholder that comparison and retention skip); accounts not yet
    /// arrived have their own id until they arrive.
    pub follows: Vec<u32>,
    /// Follows per account (the stride of `follows`).
    pub k: usize,
    /// Present followers per account: follows pointing at it from present accounts
    /// (placeholders excluded).
    pub followers: Vec<u32>,
}

/// Fills `out` with one account's follows, each drawn by `draw` (one candidate author per
/// call, never `account`) and redrawn up to [`TRIES_PER_FOLLOW`] times while it repeats
/// an earlier one; with no candidate at all (`draw` gives `None`) the slots get `account`.
fn fill_distinct(account: u32, out: &mut [u32], mut draw: impl FnMut() -> Option<u32>) {
    for slot in 0..out.len() {
        let mut pick = account;
        for _ in 0..TRIES_PER_FOLLOW {
            let Some(j) = draw() else {
                break;
            };
            pick = j;
            if !out[..slot].contains(&j) {
                break;
            }
        }
        out[slot] = pick;
    }
}

/// Grows the initial population's graph: accounts `0..initial` join in id order; the
/// accounts after them (`roles.len()` in all) get placeholders until they arrive.
/// `strength` is in thousandths per follower ([`strength_units`]); `stream(account)` gives
/// an account's follow stream.
pub fn grow_initial(
    roles: &[u8],
    quality: &[f32],
    initial: usize,
    k: usize,
    strength: u64,
    stream: impl Fn(u32) -> Stream,
) -> Graph {
    let mut grower = Grower::new(roles, quality, initial, k, strength);
    let mut out = vec![0u32; k];
    if k > 0 {
        for i in 0..initial {
            grower.join(i, &mut stream(i as u32), &mut out);
        }
    }
    Graph {
        follows: grower.follows,
        k,
        followers: grower.followers,
    }
}

/// Proposals drawn ahead per batch in [`Grower::join`], so that their memory reads
/// overlap.
const PROPOSALS_PER_BATCH: usize = 32;

/// One proposed follow, before it is read and kept or rejected: an author of the
/// candidate list by index, or the target of an existing follow slot; `keep` is the
/// uniform draw (0..[`FITNESS_MAX`]) that keeps it if below its fitness.
#[derive(Debug, Clone, Copy)]
enum Proposal {
    Author { index: u32, keep: u16 },
    Follow { slot: u64, keep: u16 },
}

/// The initial graph as it grows, account by account.
///
/// An author j is drawn with probability ∝ fitness × (1000 + strength × followers) by
/// rejection: a proposal is a uniform candidate author with probability ∝ 1000 × (number
/// of candidates), else the target of a uniform follow slot so far (∝ strength × slots;
/// placeholders are rejected), so j is proposed ∝ 1000 + strength × followers; it is then
/// kept with probability fitness / [`FITNESS_MAX`]. Proposals are drawn in batches and
/// their reads prefetched, as the follow slots are read at random.
struct Grower {
    /// Follows so far (accounts that have not joined hold placeholders).
    follows: Vec<u32>,
    /// Present followers so far.
    followers: Vec<u32>,
    k: usize,
    strength: u64,
    /// Fitness of each initial account, 0 for non-authors.
    fit: Vec<u16>,
    /// The initial authors, by id.
    authors: Vec<u32>,
    /// The seed: accounts before it follow among its authors.
    seed_end: usize,
}

impl Grower {
    fn new(roles: &[u8], quality: &[f32], initial: usize, k: usize, strength: u64) -> Self {
        let len = roles.len();
        let fit: Vec<u16> = (0..initial)
            .map(|j| {
                if roles[j] & AUTHOR != 0 {
                    fitness(quality[j]) as u16
                } else {
                    0
                }
            })
            .collect();
        let authors: Vec<u32> = (0..initial as u32)
            .filter(|&j| fit[j as usize] > 0)
            .collect();
        // The seed: the first accounts up to the (k + 1)-th author.
        let seed_end = authors.get(k).map_or(initial, |&j| j as usize + 1);
        Grower {
            follows: (0..len as u32)
                .flat_map(|i| std::iter::repeat_n(i, k))
                .collect(),
            followers: vec![0; len],
            k,
            strength,
            fit,
            authors,
            seed_end,
        }
    }

    /// The candidates of account `i`: the number of authors among the accounts before
    /// `max(i, seed_end)` (a prefix of `authors`), `i` itself possibly among them.
    fn candidates(&self, i: usize) -> usize {
        let end = i.max(self.seed_end) as u32;
        self.authors.partition_point(|&j| j < end)
    }

    /// Draws account `i`'s follows into `out` (`k` slots) on the graph as it stands,
    /// then adds them to it.
    fn join(&mut self, i: usize, rng: &mut Stream, out: &mut [u32]) {
        let k = self.k;
        out.fill(i as u32);
        let m = self.candidates(i);
        let own = usize::from(i < self.seed_end && self.fit[i] > 0);
        if m == own {
            // Nobody to follow: the placeholders stay.
        } else if m - own <= k {
            // (Only in the seed.) No more authors to choose from than it follows: all of
            // them, in id order, then repeats of the first.
            let all: Vec<u32> = self.authors[..m]
                .iter()
                .copied()
                .filter(|&j| j as usize != i)
                .collect();
            for (slot, s) in out.iter_mut().enumerate() {
                *s = all.get(slot).copied().unwrap_or(all[0]);
            }
        } else {
            let mut batch = [Proposal::Author { index: 0, keep: 0 }; PROPOSALS_PER_BATCH];
            let mut next = batch.len();
            fill_distinct(i as u32, out, || loop {
                if next == batch.len() {
                    for p in &mut batch {
                        *p = self.propose(i, m, rng);
                        match *p {
                            Proposal::Author { index, .. } => {
                                prefetch(&self.authors[index as usize])
                            }
                            Proposal::Follow { slot, .. } => prefetch(&self.follows[slot as usize]),
                        }
                    }
                    next = 0;
                }
                next += 1;
                if let Some(j) = self.resolve(i, batch[next - 1]) {
                    return Some(j);
                }
            });
        }
        for &j in out.iter() {
            if j as usize != i {
                self.followers[j as usize] += 1;
            }
        }
        self.follows[i * k..(i + 1) * k].copy_from_slice(out);
    }

    /// One proposal for account `i`, which has `m` candidates.
    fn propose(&self, i: usize, m: usize, rng: &mut Stream) -> Proposal {
        let slots = (i * self.k) as u64;
        let by_author = STRENGTH_ONE * m as u64;
        let r = rng.random_range(0..by_author + self.strength * slots);
        let keep = rng.random_range(0..FITNESS_MAX) as u16;
        if r < by_author {
            Proposal::Author {
                index: rng.random_range(0..m) as u32,
                keep,
            }
        } else {
            Proposal::Follow {
                slot: rng.random_range(0..slots),
                keep,
            }
        }
    }

    /// The author a proposal for account `i` gives, if kept: never `i`, never a
    /// placeholder.
    fn resolve(&self, i: usize, proposal: Proposal) -> Option<u32> {
        let (j, keep) = match proposal {
            Proposal::Author { index, keep } => (self.authors[index as usize], keep),
            Proposal::Follow { slot, keep } => {
                let j = self.follows[slot as usize];
                if u64::from(j) == slot / self.k as u64 {
                    return None;
                }
                (j, keep)
            }
        };
        (j as usize != i && keep < self.fit[j as usize]).then_some(j)
    }

    /// One author for account `i` (which must have another to choose), by proposals
    /// until one is kept; for tests of the distribution.
    #[cfg(test)]
    fn draw(&self, i: usize, rng: &mut Stream) -> u32 {
        let m = self.candidates(i);
        loop {
            if let Some(j) = self.resolve(i, self.propose(i, m, rng)) {
                return j;
            }
        }
    }
}

/// The present authors' attachment weights, for drawing newcomers' follows: a Fenwick
/// tree over all accounts (absent accounts and non-authors weigh 0), updated as accounts
/// arrive, gain or lose followers, and leave. Integer, so every sum is exact.
#[derive(Debug, Clone, Default)]
pub struct AttachmentIndex {
    /// 1-based Fenwick tree of the weights.
    tree: Vec<u64>,
    /// Strength in thousandths per follower.
    strength: u64,
}

impl AttachmentIndex {
    /// The index over `roles.len()` accounts: present authors weigh by their fitness and
    /// present `followers`, everyone else 0.
    pub fn new(roles: &[u8], quality: &[f32], followers: &[u32], strength: u64) -> Self {
        let n = roles.len();
        let mut tree = vec![0u64; n + 1];
        for j in 0..n {
            tree[j + 1] = Self::weight_of(roles[j], quality[j], followers[j], strength);
        }
        for i in 1..=n {
            let parent = i + (i & i.wrapping_neg());
            if parent <= n {
                tree[parent] += tree[i];
            }
        }
        AttachmentIndex { tree, strength }
    }

    /// The weight of an account with `roles`, `quality` and `followers`: 0 unless it is a
    /// present author.
    fn weight_of(roles: u8, quality: f32, followers: u32, strength: u64) -> u64 {
        if roles & AUTHOR == 0 || roles & ABSENT != 0 {
            return 0;
        }
        weight(fitness(quality), followers, strength)
    }

    /// The sum of all weights.
    pub fn total(&self) -> u64 {
        let mut sum = 0;
        let mut i = self.tree.len() - 1;
        while i > 0 {
            sum += self.tree[i];
            i &= i - 1;
        }
        sum
    }

    /// Changes account `j`'s weight from what (`roles_before`, `followers_before`) gave to
    /// what (`roles`, `followers`) give.
    pub fn reweigh(
        &mut self,
        j: usize,
        quality: f32,
        (roles_before, followers_before): (u8, u32),
        (roles, followers): (u8, u32),
    ) {
        let before = Self::weight_of(roles_before, quality, followers_before, self.strength);
        let after = Self::weight_of(roles, quality, followers, self.strength);
        if before == after {
            return;
        }
        let delta = after.wrapping_sub(before);
        let mut i = j + 1;
        while i < self.tree.len() {
            self.tree[i] = self.tree[i].wrapping_add(delta);
            i += i & i.wrapping_neg();
        }
    }

    /// The account whose weight covers point `x` (< [`AttachmentIndex::total`]): the
    /// smallest j whose running sum of weights up to and including j exceeds `x`.
    fn find(&self, mut x: u64) -> u32 {
        let n = self.tree.len() - 1;
        let mut pos = 0usize;
        let mut step = if n == 0 { 0 } else { 1usize << n.ilog2() };
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= x {
                pos = next;
                x -= self.tree[next];
            }
            step >>= 1;
        }
        pos as u32
    }

    /// Draws a newcomer's follows into `out` (one slot per follow) from `rng`: each a
    /// present author with probability ∝ its weight; the newcomer itself must not be in
    /// the index yet. With no present author the slots get `account`.
    pub fn draw_follows(&self, account: u32, rng: &mut Stream, out: &mut [u32]) {
        let total = self.total();
        fill_distinct(account, out, || {
            (total > 0).then(|| self.find(rng.random_range(0..total)))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::behaviour::population::{CURATOR, LEFT, WAITING};

    fn world(n: usize, author_every: usize) -> (Vec<u8>, Vec<f32>) {
        let roles = (0..n)
            .map(|j| {
                if j % author_every == 0 {
                    AUTHOR | CURATOR
                } else {
                    CURATOR
                }
            })
            .collect();
        let quality = (0..n).map(|j| ((j * 37) % 101) as f32 / 100.0).collect();
        (roles, quality)
    }

    fn stream(account: u32) -> Stream {
        follow_stream(7, 0, account)
    }

    /// Followers per author, largest first.
    fn in_degrees(graph: &Graph, roles: &[u8]) -> Vec<u32> {
        let mut d: Vec<u32> = (0..roles.len())
            .filter(|&j| roles[j] & AUTHOR != 0)
            .map(|j| graph.followers[j])
            .collect();
        d.sort_unstable_by(|a, b| b.cmp(a));
        d
    }

    #[test]
    fn fitness_and_weights_are_exact() {
        assert_eq!(fitness(0.0), 100);
        assert_eq!(fitness(0.5), 600);
        assert_eq!(fitness(1.0), FITNESS_MAX);
        assert_eq!(fitness(7.0), FITNESS_MAX);
        assert_eq!(strength_units(0.05), 50);
        assert_eq!(weight(600, 0, 50), 600_000);
        assert_eq!(weight(600, 20, 50), 600 * 2_000);
    }

    #[test]
    fn initial_accounts_follow_earlier_authors_only_and_counts_add_up() {
        let (roles, quality) = world(3_000, 3);
        let initial = 2_000;
        let k = 10;
        let g = grow_initial(&roles, &quality, initial, k, 50, stream);
        assert_eq!(g.follows.len(), roles.len() * k);
        // The seed ends after the 11th author (id 30).
        let seed_end = 31;
        let mut recount = vec![0u32; roles.len()];
        for i in 0..roles.len() {
            let follows = &g.follows[i * k..(i + 1) * k];
            if i >= initial {
                assert!(follows.iter().all(|&j| j as usize == i), "waiting {i}");
                continue;
            }
            let mut distinct = follows.to_vec();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), k, "account {i} repeats a follow");
            for &j in follows {
                let j = j as usize;
                assert!(j != i && roles[j] & AUTHOR != 0, "{i} follows {j}");
                assert!(j < i.max(seed_end), "{i} follows {j}, who joined later");
                recount[j] += 1;
            }
        }
        assert_eq!(recount, g.followers);
        // Deterministic.
        assert_eq!(g, grow_initial(&roles, &quality, initial, k, 50, stream));
    }

    #[test]
    fn attachment_gives_a_heavier_tail_than_quality_alone() {
        let (roles, quality) = world(20_000, 3);
        let k = 20;
        let plain = in_degrees(
            &grow_initial(&roles, &quality, 20_000, k, 0, stream),
            &roles,
        );
        let attached = in_degrees(
            &grow_initial(&roles, &quality, 20_000, k, 50, stream),
            &roles,
        );
        let total: u32 = plain.iter().sum();
        assert_eq!(total, attached.iter().sum::<u32>());
        // The top 1% of authors hold a much larger share of the follows, the largest has
        // many times the mean, and more authors have few followers.
        let top = |d: &[u32]| d[..d.len() / 100].iter().sum::<u32>() as f64 / f64::from(total);
        let mean = f64::from(total) / plain.len() as f64;
        assert!(
            top(&attached) > 2.0 * top(&plain),
            "{} vs {}",
            top(&attached),
            top(&plain)
        );
        assert!(
            f64::from(attached[0]) > 10.0 * mean,
            "max {} mean {mean}",
            attached[0]
        );
        let few = |d: &[u32]| d.iter().filter(|&&f| f64::from(f) < mean / 4.0).count();
        assert!(few(&attached) > few(&plain));
        // A power-law-like tail: the top 0.1% still hold several times their share.
        let top_tenth = attached[..attached.len() / 1000].iter().sum::<u32>() as f64;
        assert!(top_tenth / f64::from(total) > 0.01, "{top_tenth}");
    }

    #[test]
    fn with_no_other_author_an_account_follows_itself_as_a_placeholder() {
        let roles = vec![CURATOR, AUTHOR, CURATOR];
        let g = grow_initial(&roles, &[0.5; 3], 3, 2, 50, stream);
        assert_eq!(g.follows, vec![1, 1, 1, 1, 1, 1]);
        assert_eq!(g.followers, vec![0, 4, 0]);
        let g = grow_initial(&[CURATOR; 2], &[0.5; 2], 2, 2, 50, stream);
        assert_eq!(g.follows, vec![0, 0, 1, 1]);
        assert_eq!(g.followers, vec![0, 0]);
    }

    #[test]
    fn index_draws_present_authors_in_proportion_to_their_weight() {
        // Authors 0, 1, 2 (2 has left), 3 waiting; 4 a curator.
        let roles = [AUTHOR, AUTHOR, AUTHOR | LEFT, AUTHOR | WAITING, CURATOR];
        let quality = [0.0, 1.0, 1.0, 1.0, 1.0];
        let followers = [3, 1, 9, 0, 5];
        let mut index = AttachmentIndex::new(&roles, &quality, &followers, 500);
        let w0 = weight(100, 3, 500);
        let w1 = weight(1_100, 1, 500);
        assert_eq!(index.total(), w0 + w1);
        assert_eq!(index.find(0), 0);
        assert_eq!(index.find(w0 - 1), 0);
        assert_eq!(index.find(w0), 1);
        assert_eq!(index.find(w0 + w1 - 1), 1);
        // Author 3 arrives; author 0 gains a follower.
        index.reweigh(3, 1.0, (AUTHOR | WAITING, 0), (AUTHOR, 0));
        index.reweigh(0, 0.0, (AUTHOR, 3), (AUTHOR, 4));
        let w0 = weight(100, 4, 500);
        let w3 = weight(1_100, 0, 500);
        assert_eq!(index.total(), w0 + w1 + w3);
        assert_eq!(index.find(w0 + w1), 3);
        // Author 1 leaves.
        index.reweigh(1, 1.0, (AUTHOR, 1), (AUTHOR | LEFT, 1));
        assert_eq!(index.total(), w0 + w3);
        assert_eq!(index.find(w0), 3);
        // Frequencies follow the weights.
        let mut rng = stream(99);
        let mut counts = [0u32; 5];
        for _ in 0..2_000 {
            let mut out = [0u32; 1];
            index.draw_follows(99, &mut rng, &mut out);
            counts[out[0] as usize] += 1;
        }
        let expected = 2_000.0 * w0 as f64 / (w0 + w3) as f64;
        assert!(
            (f64::from(counts[0]) - expected).abs() < 60.0,
            "{counts:?} {expected}"
        );
        assert_eq!(counts[1] + counts[2] + counts[4], 0);
    }

    #[test]
    fn both_samplers_draw_the_same_distribution() {
        // One account joining a grown graph: the grower's mixture of a fitness draw and a
        // follower draw, and the index's direct draw, pick each author with the same
        // probability, fitness × (1 + s × followers).
        let (roles, quality) = world(400, 2);
        let (k, strength, last) = (5, 200, 399);
        let mut grower = Grower::new(&roles, &quality, 400, k, strength);
        let mut out = vec![0u32; k];
        for i in 0..last {
            grower.join(i, &mut stream(i as u32), &mut out);
        }
        let present: Vec<u8> = (0..400)
            .map(|j| {
                if j == last {
                    roles[j] | WAITING
                } else {
                    roles[j]
                }
            })
            .collect();
        let index = AttachmentIndex::new(&present, &quality, &grower.followers, strength);
        let total = index.total() as f64;
        let runs = 40_000;
        let (mut by_index, mut by_grower) = (vec![0u32; 400], vec![0u32; 400]);
        let mut rng = follow_stream(1, 1, 0);
        for _ in 0..runs {
            let mut one = [0u32; 1];
            index.draw_follows(last as u32, &mut rng, &mut one);
            by_index[one[0] as usize] += 1;
            by_grower[grower.draw(last, &mut rng) as usize] += 1;
        }
        for j in 0..400 {
            let w =
                AttachmentIndex::weight_of(present[j], quality[j], grower.followers[j], strength);
            let expected = runs as f64 * w as f64 / total;
            let sd = expected.sqrt().max(1.0);
            for (name, hits) in [("index", by_index[j]), ("grower", by_grower[j])] {
                let diff = (f64::from(hits) - expected).abs();
                assert!(diff < 5.0 * sd, "{name}, author {j}: {hits} vs {expected}");
            }
        }
    }
}
