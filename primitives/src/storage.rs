//! The segment Merkle tree that storage orders commit to and storage proofs open.
//!
//! Stored content (always ciphertext) is cut into segments of [`SEGMENT_SIZE`] bytes; the last
//! segment holds the remainder and is shorter unless the size is a multiple of it. The content
//! root is a binary Merkle tree over the segments, hashed with blake2-256:
//!
//! * leaf `i` = `blake2_256(0x00 ++ segment_i)`;
//! * inner node = `blake2_256(0x01 ++ left ++ right)`;
//! * a level with an odd number of nodes is completed with [`EMPTY_NODE`] (all zero bytes),
//!   so the tree of `n` segments has depth [`proof_len`]`(n)` = ⌈log₂ n⌉ and a single segment's
//!   root is its leaf hash.
//!
//! The distinct leaf and node prefixes keep a leaf from passing for an inner node. A proof for
//! segment `i` is the list of sibling hashes from the leaf up; bit `k` of `i` says whether the
//! node at level `k` is a right child, so a proof only ever verifies at the index it was made
//! for, and its length is fixed by the segment count.
//!
//! The runtime verifies with [`verify_segment`]; the client and the storage provider build
//! roots and proofs with [`MerkleTree`]. Both sides use these functions only. The tree is
//! [`cpchain_formats::merkle`]'s, hashed here by the host.

use alloc::vec::Vec;
use sp_core::H256;

/// Bytes per segment: the unit a storage challenge asks for.
pub const SEGMENT_SIZE: u64 = 1024;
pub use cpchain_formats::merkle::{LEAF_PREFIX, NODE_PREFIX};
/// Stands in for a node past the end of a level.
pub const EMPTY_NODE: H256 = H256(cpchain_formats::merkle::EMPTY_NODE);
/// Deepest tree the chain accepts: 2^40 segments, 1 PiB of content.
pub const MAX_PROOF_LEN: u32 = 40;

/// Number of segments of `size` bytes of content.
pub fn segment_count(size: u64) -> u64 {
	size.div_ceil(SEGMENT_SIZE)
}

/// Length of segment `index` of `size` bytes of content, or `None` past the last segment.
pub fn segment_len(size: u64, index: u64) -> Option<u64> {
	let start = index.checked_mul(SEGMENT_SIZE).filter(|start| *start < size)?;
	Some((size - start).min(SEGMENT_SIZE))
}

/// Number of sibling hashes in a proof for a tree of `segments` segments: ⌈log₂ segments⌉.
pub fn proof_len(segments: u64) -> u32 {
	match segments {
		0 | 1 => 0,
		n => u64::BITS - (n - 1).leading_zeros(),
	}
}

/// Hash of a segment as a leaf of the tree.
pub fn leaf_hash(segment: &[u8]) -> H256 {
	let mut preimage = Vec::with_capacity(1 + segment.len());
	preimage.push(LEAF_PREFIX);
	preimage.extend_from_slice(segment);
	sp_io::hashing::blake2_256(&preimage).into()
}

/// Hash of an inner node.
pub fn node_hash(left: &H256, right: &H256) -> H256 {
	let mut preimage = [0u8; 65];
	preimage[0] = NODE_PREFIX;
	preimage[1..33].copy_from_slice(left.as_bytes());
	preimage[33..].copy_from_slice(right.as_bytes());
	sp_io::hashing::blake2_256(&preimage).into()
}

/// Why a segment proof was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ProofError {
	/// The index is past the last segment.
	IndexOutOfRange,
	/// The segment does not have the length the content size gives its index.
	WrongSegmentLength,
	/// The path is shorter or longer than the tree is deep.
	WrongPathLength,
	/// The segment and path do not hash to the root.
	RootMismatch,
}

/// Checks that `segment` is segment `index` of the `size` bytes of content committed to by
/// `root`, with `path` its sibling hashes from the leaf up.
pub fn verify_segment(
	root: &H256,
	size: u64,
	index: u64,
	segment: &[u8],
	path: &[H256],
) -> Result<(), ProofError> {
	let expected_len = segment_len(size, index).ok_or(ProofError::IndexOutOfRange)?;
	if segment.len() as u64 != expected_len {
		return Err(ProofError::WrongSegmentLength);
	}
	if path.len() as u64 != u64::from(proof_len(segment_count(size))) {
		return Err(ProofError::WrongPathLength);
	}
	let mut node = leaf_hash(segment);
	for (level, sibling) in path.iter().enumerate() {
		node = if (index >> level) & 1 == 0 {
			node_hash(&node, sibling)
		} else {
			node_hash(sibling, &node)
		};
	}
	if node == *root {
		Ok(())
	} else {
		Err(ProofError::RootMismatch)
	}
}

/// A whole segment tree, kept in memory to produce proofs (two hashes per segment).
#[derive(Clone, Debug)]
pub struct MerkleTree {
	/// `levels[0]` are the leaves, the last level is the root alone.
	levels: Vec<Vec<H256>>,
}

impl MerkleTree {
	/// The tree of `data` cut into segments. Empty data has no tree.
	pub fn from_data(data: &[u8]) -> Option<Self> {
		Self::from_leaves(data.chunks(SEGMENT_SIZE as usize).map(leaf_hash).collect())
	}

	/// The tree over leaf hashes computed elsewhere (e.g. while streaming a file).
	pub fn from_leaves(leaves: Vec<H256>) -> Option<Self> {
		if leaves.is_empty() {
			return None;
		}
		let mut levels = alloc::vec![leaves];
		while let Some(level) = levels.last().filter(|level| level.len() > 1) {
			let next = level
				.chunks(2)
				.map(|pair| node_hash(&pair[0], pair.get(1).unwrap_or(&EMPTY_NODE)))
				.collect();
			levels.push(next);
		}
		Some(Self { levels })
	}

	/// The content root.
	pub fn root(&self) -> H256 {
		self.levels.last().and_then(|level| level.first()).copied().unwrap_or(EMPTY_NODE)
	}

	/// The tree's levels, the leaves first and the root alone last, as a provider stores them.
	pub fn levels(&self) -> &[Vec<H256>] {
		&self.levels
	}

	/// Number of segments.
	pub fn segments(&self) -> u64 {
		self.levels[0].len() as u64
	}

	/// Sibling hashes of segment `index`, from the leaf up, or `None` past the last segment.
	pub fn proof(&self, index: u64) -> Option<Vec<H256>> {
		if index >= self.segments() {
			return None;
		}
		let depth = self.levels.len() - 1;
		Some(
			self.levels[..depth]
				.iter()
				.enumerate()
				.map(|(level, nodes)| {
					let sibling = ((index >> level) ^ 1) as usize;
					nodes.get(sibling).copied().unwrap_or(EMPTY_NODE)
				})
				.collect(),
		)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use hex_literal::hex;
	use proptest::prelude::*;

	/// Repeats every 256 bytes: every full segment is the same. Used for the fixed vector.
	fn data(len: usize) -> Vec<u8> {
		(0..len).map(|i| (i * 7 + 3) as u8).collect()
	}

	/// No two segments alike.
	fn distinct_data(len: usize) -> Vec<u8> {
		(0..len as u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect()
	}

	#[test]
	fn sizes_and_depths() {
		assert_eq!(segment_count(0), 0);
		assert_eq!(segment_count(1), 1);
		assert_eq!(segment_count(1024), 1);
		assert_eq!(segment_count(1025), 2);
		assert_eq!(segment_len(1025, 0), Some(1024));
		assert_eq!(segment_len(1025, 1), Some(1));
		assert_eq!(segment_len(1025, 2), None);
		assert_eq!(segment_len(2048, 1), Some(1024));
		assert_eq!(segment_len(u64::MAX, u64::MAX), None);
		let depths = [(1, 0), (2, 1), (3, 2), (4, 2), (5, 3), (1 << 20, 20), ((1 << 20) + 1, 21)];
		for (segments, depth) in depths {
			assert_eq!(proof_len(segments), depth, "{segments} segments");
		}
	}

	#[test]
	fn hashes_are_fixed() {
		// Computed independently (Python hashlib.blake2b, digest_size=32). The client, the
		// provider and the runtime must agree on these bytes forever.
		assert_eq!(
			leaf_hash(b"cpchain"),
			H256(hex!("c68124be330e621c1d8ae47ccd6c500877c682086638ae4a2786b933c69a9b26"))
		);
		assert_eq!(
			MerkleTree::from_data(&data(3000)).unwrap().root(),
			H256(hex!("a59ae10cf3dd8fff6b26ed4832db7a798cfa270dc3f35e280bf2534a1eebeaec"))
		);
	}

	#[test]
	fn tree_shape_follows_the_definition() {
		let bytes = data(3000);
		let leaves: Vec<H256> = bytes.chunks(1024).map(leaf_hash).collect();
		let expected =
			node_hash(&node_hash(&leaves[0], &leaves[1]), &node_hash(&leaves[2], &EMPTY_NODE));
		let tree = MerkleTree::from_data(&bytes).unwrap();
		assert_eq!(tree.root(), expected);
		assert_eq!(tree.proof(2).unwrap(), vec![EMPTY_NODE, node_hash(&leaves[0], &leaves[1])]);
		assert_eq!(MerkleTree::from_data(&bytes[..10]).unwrap().root(), leaf_hash(&bytes[..10]));
		assert!(MerkleTree::from_data(&[]).is_none());
	}

	#[test]
	fn every_error_is_reported() {
		let bytes = distinct_data(5000);
		let tree = MerkleTree::from_data(&bytes).unwrap();
		let root = tree.root();
		let size = bytes.len() as u64;
		let path = tree.proof(4).unwrap();
		let last = &bytes[4096..];
		assert_eq!(verify_segment(&root, size, 4, last, &path), Ok(()));
		assert_eq!(verify_segment(&root, size, 5, last, &path), Err(ProofError::IndexOutOfRange));
		assert_eq!(
			verify_segment(&root, size, 4, &bytes[..1024], &path),
			Err(ProofError::WrongSegmentLength)
		);
		assert_eq!(
			verify_segment(&root, size, 4, last, &path[..2]),
			Err(ProofError::WrongPathLength)
		);
		let mut longer = path.clone();
		longer.push(EMPTY_NODE);
		assert_eq!(verify_segment(&root, size, 4, last, &longer), Err(ProofError::WrongPathLength));
		// Segment 0's proof, presented for segment 1: same length, wrong place.
		assert_eq!(
			verify_segment(&root, size, 1, &bytes[..1024], &tree.proof(0).unwrap()),
			Err(ProofError::RootMismatch)
		);
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]

		#[test]
		fn proofs_verify_and_any_flipped_bit_breaks_them(
			bytes in proptest::collection::vec(any::<u8>(), 1..9000),
			index_seed in any::<u64>(),
			flip_seed in any::<u64>(),
		) {
			let tree = MerkleTree::from_data(&bytes).unwrap();
			let size = bytes.len() as u64;
			let index = index_seed % tree.segments();
			let start = (index * SEGMENT_SIZE) as usize;
			let end = (start + SEGMENT_SIZE as usize).min(bytes.len());
			let mut segment = bytes[start..end].to_vec();
			let mut path = tree.proof(index).unwrap();
			let root = tree.root();
			prop_assert_eq!(verify_segment(&root, size, index, &segment, &path), Ok(()));

			// Flip one bit anywhere in the segment, the path or the root.
			let bits = (segment.len() + 32 * path.len() + 32) * 8;
			let bit = (flip_seed % bits as u64) as usize;
			let (byte, mask) = (bit / 8, 1u8 << (bit % 8));
			let mut root = root;
			if byte < segment.len() {
				segment[byte] ^= mask;
			} else if byte < segment.len() + 32 * path.len() {
				let offset = byte - segment.len();
				path[offset / 32].0[offset % 32] ^= mask;
			} else {
				root.0[byte - segment.len() - 32 * path.len()] ^= mask;
			}
			prop_assert_eq!(
				verify_segment(&root, size, index, &segment, &path),
				Err(ProofError::RootMismatch)
			);
		}

		#[test]
		fn the_host_hashed_tree_is_the_streamed_one(bytes in proptest::collection::vec(any::<u8>(), 1..40_000)) {
			let mut streamed = cpchain_formats::merkle::RootBuilder::new();
			for segment in bytes.chunks(SEGMENT_SIZE as usize) {
				streamed.push(cpchain_formats::merkle::leaf_hash(&[segment]));
			}
			prop_assert_eq!(Some(MerkleTree::from_data(&bytes).unwrap().root().0), streamed.root());
		}

		#[test]
		fn a_proof_verifies_at_no_other_index(
			bytes in proptest::collection::vec(any::<u8>(), 2049..20000),
			a in any::<u64>(),
			b in any::<u64>(),
		) {
			let tree = MerkleTree::from_data(&bytes).unwrap();
			let (a, b) = (a % tree.segments(), b % tree.segments());
			prop_assume!(a != b);
			let segment = |i: u64| {
				let start = (i * SEGMENT_SIZE) as usize;
				&bytes[start..(start + SEGMENT_SIZE as usize).min(bytes.len())]
			};
			let result = verify_segment(
				&tree.root(), bytes.len() as u64, b, segment(a), &tree.proof(a).unwrap(),
			);
			prop_assert!(result.is_err());
		}
	}
}
