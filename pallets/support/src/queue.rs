//! A first-in, first-out queue in storage, drained by `on_idle` within the block's spare weight.
//!
//! Items are kept in a map under consecutive indexes `head..tail`, with `(head, tail)` in a
//! value: pushing and popping touch one entry each, whatever the queue's length. A pallet uses
//! it for work that falls due in the order it was queued (refunds after a fixed window, records
//! pruned after a fixed retention).
//!
//! [`IdleQueue::drain`] looks at the head, asks the pallet to process it, and stops at the first
//! item that is not due or when the next item might not fit in the weight left. Each item is
//! charged the weight the pallet says its path took, so items that need no work (settled in the
//! meantime) cost a storage read, not the worst case.

use codec::FullCodec;
use core::marker::PhantomData;
use frame_support::{
	storage::{StorageMap, StorageValue},
	weights::{RuntimeDbWeight, Weight, WeightMeter},
};

/// What processing the head of the queue came to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Step {
	/// The item is dealt with and leaves the queue; it took this weight.
	Done(Weight),
	/// The item is not due yet, nor is any after it; finding out took this weight.
	NotDue(Weight),
}

/// A queue of `V` kept in the map `Items` (index to item) and the value `Bounds`
/// (`(head, tail)`).
pub struct IdleQueue<V, Items, Bounds>(PhantomData<(V, Items, Bounds)>);

impl<V, Items, Bounds> IdleQueue<V, Items, Bounds>
where
	V: FullCodec,
	Items: StorageMap<u64, V, Query = Option<V>>,
	Bounds: StorageValue<(u64, u64), Query = (u64, u64)>,
{
	/// Adds `item` at the tail.
	pub fn push(item: V) {
		Bounds::mutate(|(_, tail)| {
			Items::insert(*tail, item);
			*tail = tail.saturating_add(1);
		});
	}

	/// Number of items queued.
	pub fn len() -> u64 {
		let (head, tail) = Bounds::get();
		tail.saturating_sub(head)
	}

	/// Processes items from the head while each may fit in `meter`: `process` is called only
	/// when `item_max` (the heaviest path of one item) and the queue's own writes fit. Stops
	/// at the first item that is not due. Returns the number of items that left the queue.
	pub fn drain(
		meter: &mut WeightMeter,
		db: RuntimeDbWeight,
		item_max: Weight,
		mut process: impl FnMut(V) -> Step,
	) -> u64 {
		// Reading the bounds, and writing them back once something left.
		if meter.try_consume(db.reads(1)).is_err() {
			return 0;
		}
		let (mut head, tail) = Bounds::get();
		let start = head;
		let bounds_write = db.writes(1);
		while head < tail && meter.can_consume(item_max.saturating_add(bounds_write)) {
			let step = match Items::get(head) {
				Some(item) => process(item),
				None => Step::Done(db.reads(1)),
			};
			match step {
				Step::Done(weight) => {
					meter.consume(weight);
					Items::remove(head);
					head = head.saturating_add(1);
				},
				Step::NotDue(weight) => {
					meter.consume(weight);
					break;
				},
			}
		}
		if head != start {
			Bounds::put((head, tail));
			meter.consume(bounds_write);
		}
		head.saturating_sub(start)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::{storage_alias, Twox64Concat};

	#[storage_alias]
	type Items = StorageMap<Test, Twox64Concat, u64, u32>;
	#[storage_alias]
	type Bounds = StorageValue<Test, (u64, u64), frame_support::storage::types::ValueQuery>;
	type Queue = IdleQueue<u32, Items, Bounds>;

	const DB: RuntimeDbWeight = RuntimeDbWeight { read: 10, write: 100 };
	const WORK: Weight = Weight::from_parts(1_000, 50);
	const SKIP: Weight = Weight::from_parts(20, 5);

	/// Items are due when at most `now`; odd items need work, even ones were settled.
	fn process(now: u32, seen: &mut Vec<u32>) -> impl FnMut(u32) -> Step + '_ {
		move |item| {
			if item > now {
				return Step::NotDue(SKIP);
			}
			seen.push(item);
			Step::Done(if item % 2 == 1 { WORK } else { SKIP })
		}
	}

	#[test]
	fn drains_due_items_in_order_and_charges_each_its_path() {
		sp_io::TestExternalities::default().execute_with(|| {
			(1..=6).for_each(Queue::push);
			assert_eq!(Queue::len(), 6);
			let mut meter = WeightMeter::new();
			let mut seen = Vec::new();
			assert_eq!(Queue::drain(&mut meter, DB, WORK, process(4, &mut seen)), 4);
			assert_eq!(seen, vec![1, 2, 3, 4]);
			// Two worked, two skipped, one not due; the bounds read and written once.
			let expected = WORK * 2 + SKIP * 3 + Weight::from_parts(10 + 100, 0);
			assert_eq!(meter.consumed(), expected);
			assert_eq!((Bounds::get(), Queue::len()), ((4, 6), 2));
			assert_eq!(Items::get(3), None);
			assert_eq!(Items::get(4), Some(5));
		});
	}

	#[test]
	fn stops_before_an_item_that_might_not_fit() {
		sp_io::TestExternalities::default().execute_with(|| {
			(1..=6).for_each(Queue::push);
			let limit = DB.reads(1) + DB.writes(1) + WORK * 3 + SKIP;
			let mut meter = WeightMeter::with_limit(limit);
			let mut seen = Vec::new();
			// Items 1 to 4 fit, two of them cheap; after them a worst case might not.
			Queue::drain(&mut meter, DB, WORK, process(10, &mut seen));
			assert_eq!(seen, vec![1, 2, 3, 4]);
			assert!(meter.consumed().all_lte(limit));

			let mut none = WeightMeter::with_limit(DB.reads(1) + WORK);
			assert_eq!(Queue::drain(&mut none, DB, WORK, process(10, &mut seen)), 0);
			let mut empty = WeightMeter::with_limit(Weight::zero());
			assert_eq!(Queue::drain(&mut empty, DB, WORK, process(10, &mut seen)), 0);
			assert_eq!(empty.consumed(), Weight::zero());
			assert_eq!(Queue::len(), 2);
		});
	}

	#[test]
	fn a_missing_item_is_skipped() {
		sp_io::TestExternalities::default().execute_with(|| {
			(1..=3).for_each(Queue::push);
			Items::remove(1);
			let mut seen = Vec::new();
			assert_eq!(Queue::drain(&mut WeightMeter::new(), DB, WORK, process(10, &mut seen)), 3);
			assert_eq!(seen, vec![1, 3]);
			assert_eq!(Bounds::get(), (3, 3));
		});
	}
}
