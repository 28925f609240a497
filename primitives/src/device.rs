//! Device identities and the payloads devices sign.
//!
//! A device holds its own ed25519 or sr25519 key. That key is not an account: it never pays
//! fees, it only proves that a message came from the device. Three messages are signed:
//!
//! * [`registration_payload`]: proof of possession when an owner registers the device. It binds
//!   the chain (genesis hash), the owner account and the key's registration nonce, so it can be
//!   used once, on one chain, for one owner.
//! * [`rotation_payload`]: signed by both the old and the new key when the key changes.
//! * [`anchor_payload`]: the commitment to a batch of readings.
//!
//! The device id is derived from the genesis hash too, so rotation and anchor payloads, which
//! name the device, are bound to one chain without repeating the genesis hash.
//!
//! Every accepted anchor extends the device's hash chain, [`next_anchor_hash`], which starts at
//! the device id. Anyone holding the anchors can recompute the chain and compare it with the
//! head stored on chain.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::{ed25519, sr25519, H256};

/// Identifier of a device: [`device_id`] of the key it was registered with.
pub type DeviceId = H256;

/// Domain tag of a registration proof of possession.
pub const REGISTRATION_TAG: &[u8; 20] = b"cpchain/device/reg/1";
/// Domain tag of a key rotation.
pub const ROTATION_TAG: &[u8; 20] = b"cpchain/device/rot/1";
/// Domain tag of a data anchor.
pub const ANCHOR_TAG: &[u8; 20] = b"cpchain/device/anc/1";
/// Domain tag of a device id.
pub const DEVICE_ID_TAG: &[u8; 20] = b"cpchain/device/id/01";
/// Domain tag of a reading, a leaf of a batch's Merkle tree.
pub const READING_TAG: &[u8; 20] = b"cpchain/device/rdg/1";

/// A device public key.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum DeviceKey {
	/// An ed25519 public key.
	Ed25519([u8; 32]),
	/// An sr25519 (schnorrkel) public key.
	Sr25519([u8; 32]),
}

/// A 64-byte signature made by a [`DeviceKey`]; the key says which scheme it is.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct DeviceSignature(pub [u8; 64]);

impl DeviceKey {
	/// Whether `signature` is this key's signature over `message`.
	pub fn verify(&self, message: &[u8], signature: &DeviceSignature) -> bool {
		match self {
			DeviceKey::Ed25519(public) => sp_io::crypto::ed25519_verify(
				&ed25519::Signature::from_raw(signature.0),
				message,
				&ed25519::Public::from_raw(*public),
			),
			DeviceKey::Sr25519(public) => sp_io::crypto::sr25519_verify(
				&sr25519::Signature::from_raw(signature.0),
				message,
				&sr25519::Public::from_raw(*public),
			),
		}
	}
}

/// One batch of readings committed by a device.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	Default,
)]
pub struct Anchor {
	/// Position in the device's sequence; each anchor's must exceed the previous one's.
	pub sequence: u64,
	/// Merkle root of the readings in the batch.
	pub batch_root: H256,
	/// Number of readings in the batch.
	pub reading_count: u32,
	/// Time of the first reading, milliseconds since the Unix epoch.
	pub time_start: u64,
	/// Time of the last reading, milliseconds since the Unix epoch.
	pub time_end: u64,
}

/// Where listed data came from: anchors `first_sequence..=last_sequence` of one device.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct ProvenanceRef {
	/// The device that signed the anchors.
	pub device: DeviceId,
	/// Sequence number of the first anchor.
	pub first_sequence: u64,
	/// Sequence number of the last anchor.
	pub last_sequence: u64,
}

/// What the device registry tells other pallets about provenance.
pub trait DeviceProvenance<AccountId> {
	/// The sequence number of the last anchor of `device` (0 if it has none yet), if `owner`
	/// owns it and it is active: the anchors of a suspended or revoked device vouch for
	/// nothing.
	fn last_anchored(owner: &AccountId, device: &DeviceId) -> Result<u64, ProvenanceError>;
}

/// Why a device's anchors cannot back a claim of provenance.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ProvenanceError {
	/// No such device, or `owner` does not own it.
	NotOwned,
	/// The device is suspended or revoked.
	Inactive,
}

/// Id of the device registered with `key` on chain `genesis` when the key's registration nonce
/// was `nonce`.
pub fn device_id(genesis: &H256, key: &DeviceKey, nonce: u32) -> DeviceId {
	sp_io::hashing::blake2_256(&(DEVICE_ID_TAG, genesis, key, nonce).encode()).into()
}

/// Bytes the device signs to prove possession of `key` when `owner` registers it. `owner` is
/// the SCALE encoding of the account (its 32 raw bytes for an `AccountId32`).
pub fn registration_payload<A: Encode>(
	genesis: &H256,
	owner: &A,
	key: &DeviceKey,
	nonce: u32,
) -> Vec<u8> {
	(REGISTRATION_TAG, genesis, owner, key, nonce).encode()
}

/// Bytes both the current and the new key sign to move `device` to `new_key`.
/// `key_version` is the device's key version before the rotation.
pub fn rotation_payload(device: &DeviceId, new_key: &DeviceKey, key_version: u32) -> Vec<u8> {
	(ROTATION_TAG, device, new_key, key_version).encode()
}

/// Bytes the device signs to commit to `anchor`.
pub fn anchor_payload(device: &DeviceId, anchor: &Anchor) -> Vec<u8> {
	(ANCHOR_TAG, device, anchor).encode()
}

/// The head of a device's anchor chain after `anchor` is appended to the chain ending in `prev`.
/// The chain of a new device starts at its id.
pub fn next_anchor_hash(prev: &H256, anchor: &Anchor) -> H256 {
	sp_io::hashing::blake2_256(&(prev, anchor).encode()).into()
}

/// Leaf of a batch's Merkle tree for one reading: `record` is the reading's bytes exactly as the
/// device wrote them (one line of its readings file), taken at `timestamp_ms` (milliseconds
/// since the Unix epoch). The leaf is the segment-tree leaf hash of
/// `(READING_TAG, timestamp_ms, record)` SCALE-encoded, and a batch's root is the
/// [`crate::storage::MerkleTree`] root over its readings' leaves in order.
pub fn reading_leaf(timestamp_ms: u64, record: &[u8]) -> H256 {
	crate::storage::leaf_hash(&(READING_TAG, timestamp_ms, record).encode())
}

/// Root of a batch of readings given by their leaves ([`reading_leaf`]), `None` for no readings.
pub fn batch_root(leaves: Vec<H256>) -> Option<H256> {
	crate::storage::MerkleTree::from_leaves(leaves).map(|tree| tree.root())
}

/// Signing with device keys, for clients, tests and benchmarks.
#[cfg(feature = "std")]
pub mod signer {
	use super::*;
	use sp_core::Pair;

	/// A device key pair.
	pub enum DevicePair {
		/// ed25519
		Ed25519(ed25519::Pair),
		/// sr25519
		Sr25519(sr25519::Pair),
	}

	impl DevicePair {
		/// The key pair derived from a secret URI such as `//Sensor1` or a 32-byte hex seed.
		pub fn from_string(
			scheme: Scheme,
			suri: &str,
		) -> Result<Self, sp_core::crypto::SecretStringError> {
			Ok(match scheme {
				Scheme::Ed25519 => DevicePair::Ed25519(ed25519::Pair::from_string(suri, None)?),
				Scheme::Sr25519 => DevicePair::Sr25519(sr25519::Pair::from_string(suri, None)?),
			})
		}

		/// The public key.
		pub fn public(&self) -> DeviceKey {
			match self {
				DevicePair::Ed25519(pair) => DeviceKey::Ed25519(pair.public().0),
				DevicePair::Sr25519(pair) => DeviceKey::Sr25519(pair.public().0),
			}
		}

		/// Signs `message`.
		pub fn sign(&self, message: &[u8]) -> DeviceSignature {
			match self {
				DevicePair::Ed25519(pair) => DeviceSignature(pair.sign(message).0),
				DevicePair::Sr25519(pair) => DeviceSignature(pair.sign(message).0),
			}
		}
	}

	/// Signature scheme of a device key.
	#[derive(Clone, Copy, Debug, PartialEq, Eq)]
	pub enum Scheme {
		/// ed25519
		Ed25519,
		/// sr25519
		Sr25519,
	}
}

#[cfg(test)]
mod tests {
	use super::{signer::*, *};
	use hex_literal::hex;

	const GENESIS: H256 =
		H256(hex!("0101010101010101010101010101010101010101010101010101010101010101"));
	const KEY: DeviceKey = DeviceKey::Ed25519([2; 32]);

	fn anchor() -> Anchor {
		Anchor {
			sequence: 7,
			batch_root: H256([3; 32]),
			reading_count: 4096,
			time_start: 1_700_000_000_000,
			time_end: 1_700_000_060_000,
		}
	}

	// Expected bytes and hashes below were computed independently (Python's struct and
	// hashlib.blake2b(digest_size=32)) from the layout documented on each function.
	#[test]
	fn reading_leaves_and_batch_roots_are_fixed() {
		let leaf = reading_leaf(1_700_000_000_000, b"1700000000000,3.71,25.4");
		assert_eq!(
			leaf,
			H256(hex!("1c00265bf924dc61a32001a8ff4fbc439d3c751d1603251cd79e2110733ea0d0"))
		);
		let second = reading_leaf(1_700_000_060_000, b"1700000060000,3.70,25.6");
		assert_eq!(
			batch_root(vec![leaf, second]),
			Some(H256(hex!("da87837a814ebddbebc3e43a69e27633c08b89e4d45324c3afa32fc22c488e41")))
		);
		assert_eq!(batch_root(vec![]), None);
	}

	#[test]
	fn payload_bytes_are_fixed() {
		let owner = [9u8; 32];
		assert_eq!(
			registration_payload(&GENESIS, &owner, &KEY, 5),
			[&REGISTRATION_TAG[..], &[1; 32], &[9; 32], &[0], &[2; 32], &5u32.to_le_bytes(),]
				.concat()
		);
		assert_eq!(
			anchor_payload(&H256([4; 32]), &anchor()),
			[
				&ANCHOR_TAG[..],
				&[4; 32],
				&7u64.to_le_bytes(),
				&[3; 32],
				&4096u32.to_le_bytes(),
				&1_700_000_000_000u64.to_le_bytes(),
				&1_700_000_060_000u64.to_le_bytes(),
			]
			.concat()
		);
		assert_eq!(
			rotation_payload(&H256([4; 32]), &DeviceKey::Sr25519([5; 32]), 1),
			[&ROTATION_TAG[..], &[4; 32], &[1], &[5; 32], &1u32.to_le_bytes()].concat()
		);
	}

	#[test]
	fn hashes_are_fixed() {
		assert_eq!(
			device_id(&GENESIS, &KEY, 0),
			H256(hex!("86c09dc0ad0238ef624302947fa96a79324f244930a64cc3c2163c48d9cb19e7"))
		);
		assert_eq!(
			next_anchor_hash(&H256([4; 32]), &anchor()),
			H256(hex!("509baf17798210fb166aca5d0c10a0dae978d6f62faeb80f6150e013b2096454"))
		);
	}

	#[test]
	fn signatures_verify_only_for_their_key_and_message() {
		for scheme in [Scheme::Ed25519, Scheme::Sr25519] {
			let pair = DevicePair::from_string(scheme, "//Sensor").unwrap();
			let other = DevicePair::from_string(scheme, "//Other").unwrap();
			let message = anchor_payload(&H256([4; 32]), &anchor());
			let signature = pair.sign(&message);
			assert!(pair.public().verify(&message, &signature));
			assert!(!other.public().verify(&message, &signature));
			assert!(!pair.public().verify(&message[1..], &signature));
			let mut flipped = signature;
			flipped.0[10] ^= 1;
			assert!(!pair.public().verify(&message, &flipped));
		}
	}

	#[test]
	fn a_key_of_one_scheme_does_not_verify_the_other() {
		let pair = DevicePair::from_string(Scheme::Ed25519, "//Sensor").unwrap();
		let message = b"reading";
		let signature = pair.sign(message);
		let DeviceKey::Ed25519(raw) = pair.public() else { unreachable!() };
		assert!(!DeviceKey::Sr25519(raw).verify(message, &signature));
	}

	proptest::proptest! {
		#[test]
		fn anchor_chain_depends_on_every_field(seq in 0u64.., count in 0u32.., start in 0u64.., bit in 0usize..256) {
			let a = Anchor { sequence: seq, batch_root: H256::zero(), reading_count: count, time_start: start, time_end: start };
			let mut b = a;
			b.batch_root.0[bit / 8] ^= 1 << (bit % 8);
			let prev = H256([4; 32]);
			proptest::prop_assert_ne!(next_anchor_hash(&prev, &a), next_anchor_hash(&prev, &b));
		}
	}
}
