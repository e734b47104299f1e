//! Who belongs to a community and which posts carry its tags: the draws behind a
//! multi-token world's membership. Both are assumptions (no source measures them); the
//! shares come from `[pools.NAME] members` and `tag_share`.

use rand::RngCore;

use super::rng::{unit_f64, Purpose, StreamKey};

/// Whether `account` belongs to the community of pool number `pool` (in scenario order):
/// true with probability `share`, drawn once per (replicate, account, pool).
pub fn is_member(seed: u64, replicate: u32, account: u32, pool: usize, share: f64) -> bool {
    let mut stream = StreamKey {
        seed,
        replicate,
        account,
        step: pool as u64,
        purpose: Purpose::Community,
    }
    .stream();
    unit_f64(stream.next_u64()) < share
}

/// Whether post `post` by a member `author` carries a tag of pool number `pool`: true
/// with probability `share`, drawn once per (replicate, author, post, pool).
pub fn tags_post(
    seed: u64,
    replicate: u32,
    author: u32,
    post: u64,
    pool: usize,
    share: f64,
) -> bool {
    let mut stream = StreamKey {
        seed,
        replicate,
        account: author,
        step: post.wrapping_mul(64).wrapping_add(pool as u64),
        purpose: Purpose::PostTags,
    }
    .stream();
    unit_f64(stream.next_u64()) < share
}

/// Whether member `account` sells goods in the cooperative market of pool number `pool`:
/// true with probability `share`, drawn once per (replicate, account, pool).
pub fn is_producer(seed: u64, replicate: u32, account: u32, pool: usize, share: f64) -> bool {
    let mut stream = StreamKey {
        seed,
        replicate,
        account,
        step: pool as u64,
        purpose: Purpose::CoopRoles,
    }
    .stream();
    unit_f64(stream.next_u64()) < share
}

/// The producer a consumer buys from on day `day`: drawn with probability proportional to
/// reputation, from `cumulative` (the producers' running sums of reputation, in account
/// order, with their accounts); `None` when nobody has any reputation.
pub fn choose_producer(
    (seed, replicate): (u64, u32),
    consumer: u32,
    day: u32,
    pool: usize,
    cumulative: &[(u32, f64)],
) -> Option<u32> {
    let total = cumulative.last()?.1;
    if total <= 0.0 {
        return None;
    }
    let mut stream = StreamKey {
        seed,
        replicate,
        account: consumer,
        step: u64::from(day).wrapping_mul(64).wrapping_add(pool as u64),
        purpose: Purpose::CoopTrade,
    }
    .stream();
    let target = unit_f64(stream.next_u64()) * total;
    let k = cumulative.partition_point(|(_, c)| *c <= target);
    cumulative.get(k.min(cumulative.len() - 1)).map(|(a, _)| *a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_hold_and_draws_are_keyed() {
        let members = (0..20_000).filter(|&a| is_member(1, 0, a, 0, 0.25)).count();
        assert!((4_700..5_300).contains(&members), "{members}");
        let tagged = (0..20_000)
            .filter(|&p| tags_post(1, 0, 5, p, 1, 0.8))
            .count();
        assert!((15_700..16_300).contains(&tagged), "{tagged}");
        assert_eq!(is_member(1, 0, 7, 0, 0.5), is_member(1, 0, 7, 0, 0.5));
        assert!(!is_member(1, 0, 7, 0, 0.0) && is_member(1, 0, 7, 0, 1.0));
        // Another pool is another draw.
        let same = (0..1_000)
            .filter(|&a| is_member(1, 0, a, 0, 0.5) == is_member(1, 0, a, 1, 0.5))
            .count();
        assert!((400..600).contains(&same), "{same}");
    }

    #[test]
    fn producers_are_chosen_by_reputation() {
        // Reputations 1 and 3: the second is chosen about three times in four.
        let cumulative = [(4, 1.0), (9, 4.0)];
        let second = (0..8_000)
            .filter(|&c| choose_producer((1, 0), c, 3, 0, &cumulative) == Some(9))
            .count();
        assert!((5_800..6_200).contains(&second), "{second}");
        assert_eq!(choose_producer((1, 0), 0, 0, 0, &[]), None);
        assert_eq!(choose_producer((1, 0), 0, 0, 0, &[(1, 0.0)]), None);
    }
}
