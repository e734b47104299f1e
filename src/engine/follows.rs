//! The follow graph as accounts come and go (behaviour::social has the model): a newcomer
//! draws whom it follows when it arrives, on the graph as it stands; an account that
//! leaves stops counting as a follower and can no longer be followed. Both keep each
//! account's present followers (`Accounts::followers`, a tie that lowers the exit hazard)
//! and the attachment index up to date.
//!
//! Invariant: called in account order from sequential code, so the graph does not depend
//! on the thread count.

use super::world::World;
use crate::behaviour::population::{LEFT, WAITING};
use crate::behaviour::social::{follow_stream, AttachmentIndex};
use crate::scenario::Scenario;

/// The attachment index over `world`'s accounts if anyone will arrive and accounts follow
/// anyone (otherwise no draw ever needs it).
pub fn index_for(world: &World, scenario: &Scenario) -> Option<AttachmentIndex> {
    let a = &world.accounts;
    let arrivals = a.roles.iter().any(|&r| r & WAITING != 0);
    (arrivals && a.follows_per_account > 0).then(|| {
        AttachmentIndex::new(
            &a.roles,
            &a.quality,
            &a.followers,
            crate::behaviour::social::strength_units(scenario.behaviour.follow_attachment),
        )
    })
}

/// Account `i` (still marked waiting) arrives: it draws its follows from the present
/// authors, each followed author gains a follower, then it becomes present (and, if an
/// author, can be followed).
pub fn join(world: &mut World, scenario: &Scenario, replicate: u32, i: usize) {
    let a = &mut world.accounts;
    let before = a.roles[i];
    a.roles[i] &= !WAITING;
    let k = a.follows_per_account;
    let Some(index) = world.follow_index.as_mut() else {
        return;
    };
    let mut rng = follow_stream(scenario.simulation.seed, replicate, i as u32);
    let slots = &mut a.follows[i * k..(i + 1) * k];
    index.draw_follows(i as u32, &mut rng, slots);
    for &j in slots.iter() {
        let j = j as usize;
        if j == i {
            continue;
        }
        let f = a.followers[j];
        a.followers[j] = f + 1;
        index.reweigh(j, a.quality[j], (a.roles[j], f), (a.roles[j], f + 1));
    }
    let f = a.followers[i];
    index.reweigh(i, a.quality[i], (before, f), (a.roles[i], f));
}

/// Account `i` leaves: it is marked [`LEFT`], its follows stop counting as followers and
/// it can no longer be followed.
pub fn leave(world: &mut World, i: usize) {
    let a = &mut world.accounts;
    let before = a.roles[i];
    a.roles[i] |= LEFT;
    let k = a.follows_per_account;
    let mut index = world.follow_index.as_mut();
    for s in i * k..(i + 1) * k {
        let j = a.follows[s] as usize;
        if j == i {
            continue;
        }
        let f = a.followers[j];
        a.followers[j] = f - 1;
        if let Some(index) = index.as_deref_mut() {
            index.reweigh(j, a.quality[j], (a.roles[j], f), (a.roles[j], f - 1));
        }
    }
    if let Some(index) = index {
        let f = a.followers[i];
        index.reweigh(i, a.quality[i], (before, f), (a.roles[i], f));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::behaviour::population::{ABSENT, AUTHOR};
    use crate::behaviour::social::strength_units;
    use crate::engine::setup;

    /// Present followers recounted from the present accounts' follows.
    fn recount(world: &World) -> Vec<u32> {
        let a = &world.accounts;
        let k = a.follows_per_account;
        let mut count = vec![0u32; a.len()];
        for i in 0..a.len() {
            if a.roles[i] & ABSENT != 0 {
                continue;
            }
            for &j in &a.follows[i * k..(i + 1) * k] {
                if j as usize != i {
                    count[j as usize] += 1;
                }
            }
        }
        count
    }

    #[test]
    fn newcomers_follow_present_authors_who_came_before_them() {
        let mut scenario = Scenario::default();
        scenario.population.accounts = 1_000;
        scenario.simulation.days = 10;
        scenario.growth.arrivals_per_day = 50.0;
        let mut world = setup::build(&scenario, 0).unwrap();
        let a = &world.accounts;
        let (n, k) = (a.len(), a.follows_per_account);
        assert_eq!(n, 1_500);
        // Initial accounts follow initial authors only; newcomers hold placeholders.
        for i in 0..n {
            for &j in &a.follows[i * k..(i + 1) * k] {
                if i < 1_000 {
                    assert!((j as usize) < 1_000 && a.roles[j as usize] & AUTHOR != 0);
                } else {
                    assert_eq!(j as usize, i);
                }
            }
        }
        assert_eq!(recount(&world), world.accounts.followers);
        // Every third initial author leaves, then the newcomers arrive one by one.
        let leavers: Vec<usize> = (0..1_000)
            .filter(|&j| world.accounts.roles[j] & AUTHOR != 0)
            .step_by(3)
            .collect();
        for &j in &leavers {
            leave(&mut world, j);
        }
        for i in 1_000..n {
            join(&mut world, &scenario, 0, i);
            let a = &world.accounts;
            let follows = &a.follows[i * k..(i + 1) * k];
            let mut distinct = follows.to_vec();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), k, "newcomer {i} repeats a follow");
            for &j in follows {
                let r = a.roles[j as usize];
                assert!((j as usize) < i, "{i} follows {j}, who has not arrived");
                assert!(r & AUTHOR != 0 && r & ABSENT == 0, "{i} follows {j} ({r})");
            }
        }
        assert_eq!(recount(&world), world.accounts.followers);
        let a = &world.accounts;
        let fresh = AttachmentIndex::new(
            &a.roles,
            &a.quality,
            &a.followers,
            strength_units(scenario.behaviour.follow_attachment),
        );
        let index = world.follow_index.as_ref().unwrap();
        assert_eq!(index.total(), fresh.total());
        // The same arrivals draw the same follows.
        let mut again = setup::build(&scenario, 0).unwrap();
        for &j in &leavers {
            leave(&mut again, j);
        }
        for i in 1_000..n {
            join(&mut again, &scenario, 0, i);
        }
        assert_eq!(again.accounts.follows, world.accounts.follows);
    }
}
