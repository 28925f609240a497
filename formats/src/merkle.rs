//! The binary Merkle tree over blake2-256 that storage orders commit to (over 1 KiB segments of
//! content) and device anchors commit to (over readings, [`crate::device::reading_leaf`]):
//!
//! * leaf = `blake2_256(0x00 ++ data)`;
//! * inner node = `blake2_256(0x01 ++ left ++ right)`;
//! * a level with an odd number of nodes is completed with [`EMPTY_NODE`] (all zero bytes), so
//!   a tree of `n` leaves has depth ⌈log₂ n⌉ and a single leaf is its own root.
//!
//! The distinct leaf and node prefixes keep a leaf from passing for an inner node.
//! [`RootBuilder`] computes the root as leaves stream in, in memory for 32 hashes.

use crate::{blake2_256, Hash};

/// Prefix of a leaf hash's preimage.
pub const LEAF_PREFIX: u8 = 0x00;
/// Prefix of an inner node hash's preimage.
pub const NODE_PREFIX: u8 = 0x01;
/// Stands in for a node past the end of a level.
pub const EMPTY_NODE: Hash = [0; 32];

/// Hash of a leaf whose data is `parts` concatenated.
pub fn leaf_hash(parts: &[&[u8]]) -> Hash {
	crate::blake2_256_after(&[LEAF_PREFIX], parts)
}

/// Hash of an inner node.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
	blake2_256(&[&[NODE_PREFIX], left, right])
}

/// The root of a tree of up to `u32::MAX` leaves, pushed one at a time.
///
/// Holds one complete subtree per set bit of the leaf count, like a binary counter: pushing a
/// leaf merges the equal-sized subtrees it completes, and [`RootBuilder::root`] closes the
/// unfinished right edge with [`EMPTY_NODE`]s as the tree's definition does.
#[derive(Clone, Debug)]
pub struct RootBuilder {
	/// `subtrees[k]`: the root of a complete subtree of 2^k leaves, if bit k of `count` is set.
	subtrees: [Hash; 32],
	count: u32,
}

impl Default for RootBuilder {
	fn default() -> Self {
		Self::new()
	}
}

impl RootBuilder {
	/// No leaves yet.
	pub const fn new() -> Self {
		Self { subtrees: [[0; 32]; 32], count: 0 }
	}

	/// Leaves pushed so far.
	pub fn count(&self) -> u32 {
		self.count
	}

	/// Appends a leaf. Returns `false`, and leaves the tree as it was, once it holds
	/// `u32::MAX` leaves.
	pub fn push(&mut self, leaf: Hash) -> bool {
		let Some(next) = self.count.checked_add(1) else { return false };
		let mut node = leaf;
		let mut level = 0;
		while self.count & (1 << level) != 0 {
			node = node_hash(&self.subtrees[level], &node);
			level += 1;
		}
		self.subtrees[level] = node;
		self.count = next;
		true
	}

	/// The root of the leaves pushed so far; `None` if there are none.
	pub fn root(&self) -> Option<Hash> {
		let n = self.count;
		if n == 0 {
			return None;
		}
		let depth = u32::BITS - (n - 1).leading_zeros();
		// Walk the right edge up: `edge` is the last node of the current level whenever the
		// leaves do not fill that level's complete subtrees exactly.
		let mut edge: Option<Hash> = None;
		for level in 0..depth as usize {
			let complete = n & (1 << level) != 0;
			edge = Some(match (complete, edge) {
				(true, Some(right)) => node_hash(&self.subtrees[level], &right),
				(true, None) => node_hash(&self.subtrees[level], &EMPTY_NODE),
				(false, Some(left)) => node_hash(&left, &EMPTY_NODE),
				(false, None) => continue,
			});
		}
		Some(edge.unwrap_or_else(|| self.subtrees[depth as usize]))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::vec::Vec;

	/// The tree level by level, as its definition reads.
	fn reference_root(leaves: &[Hash]) -> Hash {
		let mut level = leaves.to_vec();
		while level.len() > 1 {
			level = level
				.chunks(2)
				.map(|pair| node_hash(&pair[0], pair.get(1).unwrap_or(&EMPTY_NODE)))
				.collect();
		}
		level[0]
	}

	#[test]
	fn streamed_roots_match_the_definition() {
		let leaves: Vec<Hash> = (0u32..300).map(|i| leaf_hash(&[&i.to_le_bytes()])).collect();
		let mut builder = RootBuilder::new();
		assert_eq!(builder.root(), None);
		for n in 1..=leaves.len() {
			assert!(builder.push(leaves[n - 1]));
			assert_eq!(builder.count() as usize, n);
			assert_eq!(builder.root(), Some(reference_root(&leaves[..n])), "{n} leaves");
		}
	}

	#[test]
	fn one_leaf_is_its_own_root_and_prefixes_differ() {
		let leaf = leaf_hash(&[b"reading"]);
		let mut builder = RootBuilder::new();
		builder.push(leaf);
		assert_eq!(builder.root(), Some(leaf));
		assert_ne!(leaf_hash(&[&[0; 64]]), node_hash(&[0; 32], &[0; 32]));
		assert_eq!(leaf_hash(&[b"rea", b"ding"]), leaf);
	}

	#[test]
	fn a_full_builder_refuses_more_leaves() {
		let mut builder = RootBuilder { subtrees: [[7; 32]; 32], count: u32::MAX };
		let root = builder.root();
		assert!(!builder.push([1; 32]));
		assert_eq!(builder.count(), u32::MAX);
		assert_eq!(builder.root(), root);
	}
}
