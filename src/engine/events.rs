//! A day's planned events, stored the way the steps consume them: by block of
//! [`ACCOUNTS_PER_TASK`] accounts (one parallel task plans a block, and one decision task
//! decides the same block), then by step. Within a bucket, events are grouped by account in
//! account order, each account's in time order.
//!
//! The buckets are kept from day to day (cleared, not freed), so planning a day allocates
//! nothing in steady state, and no step's events are ever copied into one list.

use crate::behaviour::plan::PlannedEvent;

/// Accounts planned, and then decided, together by one parallel task.
pub const ACCOUNTS_PER_TASK: usize = 4096;

/// A day's events: `buckets[task][step]`.
#[derive(Debug, Default)]
pub struct DayEvents {
    buckets: Vec<Vec<Vec<PlannedEvent>>>,
}

impl DayEvents {
    /// Empties the buckets for a day of `steps` steps over `accounts` accounts and returns
    /// them, one `Vec` of `steps` buckets per block of [`ACCOUNTS_PER_TASK`] accounts.
    pub fn reset(&mut self, accounts: usize, steps: usize) -> &mut [Vec<Vec<PlannedEvent>>] {
        self.buckets
            .resize_with(accounts.div_ceil(ACCOUNTS_PER_TASK), Vec::new);
        for task in &mut self.buckets {
            task.resize_with(steps, Vec::new);
            for bucket in task.iter_mut() {
                bucket.clear();
            }
        }
        &mut self.buckets
    }

    /// The events of step `step` (0-based within the day).
    pub fn step(&self, step: usize) -> StepEvents<'_> {
        StepEvents {
            buckets: &self.buckets,
            step,
        }
    }
}

/// One step's events, by block of [`ACCOUNTS_PER_TASK`] accounts.
#[derive(Debug, Clone, Copy)]
pub struct StepEvents<'a> {
    buckets: &'a [Vec<Vec<PlannedEvent>>],
    step: usize,
}

impl<'a> StepEvents<'a> {
    /// The events of block `task` (accounts `task * ACCOUNTS_PER_TASK ..`); empty past the
    /// last block.
    pub fn of_task(&self, task: usize) -> &'a [PlannedEvent] {
        self.buckets
            .get(task)
            .and_then(|steps| steps.get(self.step))
            .map_or(&[], Vec::as_slice)
    }

    /// Every event of the step, in account order.
    pub fn iter(&self) -> impl Iterator<Item = &'a PlannedEvent> + 'a {
        let step = self.step;
        self.buckets
            .iter()
            .filter_map(move |steps| steps.get(step))
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::behaviour::plan::EventKind;

    fn event(account: u32, time: u32) -> PlannedEvent {
        PlannedEvent {
            time,
            account,
            kind: EventKind::Vote,
        }
    }

    #[test]
    fn steps_read_their_buckets_in_account_order_and_reset_empties_them() {
        let mut day = DayEvents::default();
        let buckets = day.reset(ACCOUNTS_PER_TASK + 1, 2);
        assert_eq!(buckets.len(), 2);
        buckets[0][1].push(event(3, 10));
        buckets[1][1].push(event(ACCOUNTS_PER_TASK as u32, 11));
        buckets[0][0].push(event(1, 5));
        let accounts: Vec<u32> = day.step(1).iter().map(|e| e.account).collect();
        assert_eq!(accounts, vec![3, ACCOUNTS_PER_TASK as u32]);
        assert_eq!(day.step(0).of_task(0).len(), 1);
        assert!(day.step(0).of_task(1).is_empty());
        assert!(day.step(0).of_task(7).is_empty());
        day.reset(ACCOUNTS_PER_TASK + 1, 2);
        assert_eq!(day.step(1).iter().count(), 0);
    }
}
