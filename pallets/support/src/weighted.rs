//! A list of weighted slots in storage from which slots are drawn with probability in
//! proportion to their weight: a Fenwick (binary indexed) tree over the slots.
//!
//! Slots are `0..len`; node `k` of the tree (`1..=len`) holds the summed weight of slots
//! `k - lowbit(k) .. k` (`lowbit(k)` is the lowest set bit of `k`). Appending a slot reads about
//! one node on average and writes one; changing a weight, or removing a slot by moving the last
//! one into it, touches at most `log2(len) + 1` nodes; a draw reads at most `log2(len) + 1`.
//!
//! The pallet keeps the slots' own records (what each slot is, its weight); the list only keeps
//! the sums. [`Draws`] draws several slots of one list without replacement, in memory.

use alloc::collections::btree_map::BTreeMap;
use core::marker::PhantomData;
use frame_support::storage::{StorageMap, StorageValue};

fn lowbit(k: u32) -> u32 {
	k & k.wrapping_neg()
}

/// The weighted list whose tree is the map `Tree` (node to sum) and whose length is `Len`.
pub struct WeightedList<Tree, Len>(PhantomData<(Tree, Len)>);

impl<Tree, Len> WeightedList<Tree, Len>
where
	Tree: StorageMap<u32, u64, Query = u64>,
	Len: StorageValue<u32, Query = u32>,
{
	/// Number of slots.
	pub fn len() -> u32 {
		Len::get()
	}

	/// Summed weight of slots `0..end`.
	pub fn prefix(end: u32) -> u64 {
		let (mut k, mut sum) = (end, 0u64);
		while k > 0 {
			sum = sum.saturating_add(Tree::get(k));
			k -= lowbit(k);
		}
		sum
	}

	/// Summed weight of every slot.
	pub fn total() -> u64 {
		Self::prefix(Self::len())
	}

	/// Appends a slot of `weight` and returns its index, or `None` if the list is full.
	pub fn push(weight: u64) -> Option<u32> {
		let slot = Len::get();
		let k = slot.checked_add(1)?;
		// Node `k` covers the new slot and the slots before it down to `k - lowbit(k)`, which
		// are the nodes met stepping down from `k - 1` until that bound.
		let (stop, mut j, mut sum) = (k - lowbit(k), k - 1, weight);
		while j > stop {
			sum = sum.saturating_add(Tree::get(j));
			j -= lowbit(j);
		}
		Tree::insert(k, sum);
		Len::put(k);
		Some(slot)
	}

	/// Changes the weight of `slot` from `old` to `new`.
	pub fn set(slot: u32, old: u64, new: u64) {
		let len = Len::get();
		let mut k = slot.saturating_add(1);
		while k <= len && k != 0 {
			Tree::mutate(k, |sum| *sum = sum.saturating_sub(old).saturating_add(new));
			k = k.wrapping_add(lowbit(k));
		}
	}

	/// Removes `slot` (of `weight`) by moving the last slot (of `last_weight`) into its place;
	/// the caller moves the last slot's record. Does nothing on an empty list.
	pub fn swap_remove(slot: u32, weight: u64, last_weight: u64) {
		let len = Len::get();
		let Some(last) = len.checked_sub(1) else { return };
		if slot < last {
			Self::set(slot, weight, last_weight);
		}
		// No node below `len` covers the last slot.
		Tree::remove(len);
		Len::put(last);
	}

	/// Whether the tree holds exactly the sums of `weights`, the weight of every slot in
	/// order (for `try_state`).
	pub fn matches(weights: impl IntoIterator<Item = u64>) -> bool {
		let len = Len::get();
		let mut nodes: alloc::vec::Vec<u64> = alloc::vec![0; len as usize + 1];
		let mut count = 0u32;
		for (slot, weight) in weights.into_iter().enumerate() {
			let Some(node) = nodes.get_mut(slot + 1) else { return false };
			*node = node.saturating_add(weight);
			count = count.saturating_add(1);
		}
		if count != len {
			return false;
		}
		// Built bottom up: each node adds itself into its parent.
		for k in 1..=len {
			let parent = k.saturating_add(lowbit(k));
			if parent <= len {
				nodes[parent as usize] = nodes[parent as usize].saturating_add(nodes[k as usize]);
			}
		}
		(1..=len).all(|k| Tree::get(k) == nodes[k as usize]) && !Tree::contains_key(len + 1)
	}
}

/// Draws from a [`WeightedList`] without replacement: a drawn slot is left out of the later
/// draws. Nodes are read from storage once and kept, with what was left out, in memory; the
/// list in storage does not change.
pub struct Draws<Tree, Len> {
	len: u32,
	remaining: u64,
	nodes: BTreeMap<u32, u64>,
	_list: PhantomData<(Tree, Len)>,
}

impl<Tree, Len> Draws<Tree, Len>
where
	Tree: StorageMap<u32, u64, Query = u64>,
	Len: StorageValue<u32, Query = u32>,
{
	/// Draws from the list as it is now.
	pub fn new() -> Self {
		let mut draws =
			Self { len: Len::get(), remaining: 0, nodes: BTreeMap::new(), _list: PhantomData };
		let mut k = draws.len;
		while k > 0 {
			draws.remaining = draws.remaining.saturating_add(draws.node(k));
			k -= lowbit(k);
		}
		draws
	}

	fn node(&mut self, k: u32) -> u64 {
		*self.nodes.entry(k).or_insert_with(|| Tree::get(k))
	}

	/// Weight not yet drawn.
	pub fn remaining(&self) -> u64 {
		self.remaining
	}

	/// The slot that `random` lands on, each slot with probability in proportion to its weight
	/// among those not yet drawn, and takes it out of later draws; `weight_of` gives a slot's
	/// weight. `None` once everything was drawn.
	pub fn draw(&mut self, random: u64, weight_of: impl FnOnce(u32) -> u64) -> Option<u32> {
		if self.remaining == 0 {
			return None;
		}
		let mut rest = random % self.remaining;
		// The last slot whose preceding weight is at most `rest`, found from the top down.
		let (mut pos, mut step) = (0u32, 1u32 << (31 - self.len.leading_zeros()));
		while step > 0 {
			let next = pos.saturating_add(step);
			if next <= self.len {
				let sum = self.node(next);
				if sum <= rest {
					pos = next;
					rest -= sum;
				}
			}
			step >>= 1;
		}
		if pos >= self.len {
			return None;
		}
		let weight = weight_of(pos);
		let mut k = pos + 1;
		while k <= self.len && k != 0 {
			let sum = self.node(k).saturating_sub(weight);
			self.nodes.insert(k, sum);
			k = k.wrapping_add(lowbit(k));
		}
		self.remaining = self.remaining.saturating_sub(weight);
		Some(pos)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::{storage::types::ValueQuery, Twox64Concat};

	struct Tree;
	impl frame_support::traits::StorageInstance for Tree {
		const STORAGE_PREFIX: &'static str = "Tree";
		fn pallet_prefix() -> &'static str {
			"Test"
		}
	}
	struct Len;
	impl frame_support::traits::StorageInstance for Len {
		const STORAGE_PREFIX: &'static str = "Len";
		fn pallet_prefix() -> &'static str {
			"Test"
		}
	}
	type TreeMap =
		frame_support::storage::types::StorageMap<Tree, Twox64Concat, u32, u64, ValueQuery>;
	type LenValue = frame_support::storage::types::StorageValue<Len, u32, ValueQuery>;
	type List = WeightedList<TreeMap, LenValue>;

	fn with_list(weights: &[u64], test: impl FnOnce()) {
		sp_io::TestExternalities::default().execute_with(|| {
			for w in weights {
				List::push(*w);
			}
			test()
		})
	}

	/// What each draw of a fresh `Draws` lands on for every `random` below the total.
	fn landing(weights: &[u64]) -> alloc::vec::Vec<u32> {
		let total: u64 = weights.iter().sum();
		(0..total)
			.map(|r| Draws::<TreeMap, LenValue>::new().draw(r, |s| weights[s as usize]).unwrap())
			.collect()
	}

	fn expected_landing(weights: &[u64]) -> alloc::vec::Vec<u32> {
		weights.iter().enumerate().flat_map(|(s, w)| (0..*w).map(move |_| s as u32)).collect()
	}

	#[test]
	fn prefix_sums_and_draws_follow_the_weights() {
		for len in 0..40u64 {
			let weights: alloc::vec::Vec<u64> = (0..len).map(|i| (i * 7) % 5).collect();
			with_list(&weights, || {
				assert!(List::matches(weights.iter().copied()));
				for end in 0..=len as u32 {
					assert_eq!(List::prefix(end), weights[..end as usize].iter().sum::<u64>());
				}
				assert_eq!(landing(&weights), expected_landing(&weights));
			});
		}
	}

	#[test]
	fn set_and_swap_remove_keep_the_sums() {
		let mut weights: alloc::vec::Vec<u64> = (1..=33).collect();
		with_list(&weights.clone(), || {
			List::set(4, 5, 0);
			weights[4] = 0;
			List::set(31, 32, 100);
			weights[31] = 100;
			assert!(List::matches(weights.iter().copied()));
			for slot in [0u32, 7, 29, 3] {
				let last = weights.len() - 1;
				List::swap_remove(slot, weights[slot as usize], weights[last]);
				weights.swap_remove(slot as usize);
				assert!(List::matches(weights.iter().copied()), "after removing {slot}");
			}
			// The last slot itself.
			let last = weights.len() as u32 - 1;
			List::swap_remove(last, weights[last as usize], weights[last as usize]);
			weights.pop();
			assert!(List::matches(weights.iter().copied()));
			assert_eq!(landing(&weights), expected_landing(&weights));
			assert!(List::push(9).is_some());
			weights.push(9);
			assert!(List::matches(weights.iter().copied()));
			assert!(!List::matches(weights.iter().map(|w| w + 1)));
		});
	}

	#[test]
	fn draws_are_without_replacement_and_leave_storage_alone() {
		let weights = [3u64, 0, 1, 8, 2];
		with_list(&weights, || {
			let mut draws = Draws::<TreeMap, LenValue>::new();
			assert_eq!(draws.remaining(), 14);
			let mut drawn = alloc::vec::Vec::new();
			while let Some(slot) = draws.draw(u64::MAX, |s| weights[s as usize]) {
				drawn.push(slot);
			}
			drawn.sort();
			assert_eq!(drawn, [0, 2, 3, 4], "every weighted slot once, the empty one never");
			assert_eq!(draws.remaining(), 0);
			assert!(List::matches(weights));
		});
	}

	#[test]
	fn a_slot_s_share_of_draws_is_its_share_of_the_weight() {
		// One heavy slot among light ones: weighted, not uniform per slot.
		let mut weights = alloc::vec![1u64; 99];
		weights.push(99);
		with_list(&weights, || {
			let heavy = (0..10_000u64)
				.filter(|i| {
					let random = sp_io::hashing::blake2_128(&i.to_le_bytes());
					let random = u64::from_le_bytes(random[..8].try_into().unwrap());
					Draws::<TreeMap, LenValue>::new().draw(random, |s| weights[s as usize])
						== Some(99)
				})
				.count();
			assert!((4_500..5_500).contains(&heavy), "drawn {heavy} times in 10,000");
		});
	}
}
