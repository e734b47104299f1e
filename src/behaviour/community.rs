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
}
