//! Device identities and the payloads devices sign, for the runtime and the programs.
//!
//! The types, tags and byte layouts are [`cpchain_formats::device`]'s (the one definition a
//! device shares); here they are hashed and verified with the host's functions (`sp_io`), and
//! joined by what only the chain side needs: device ids as `H256`, provenance references and
//! key pairs for clients and tests.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use cpchain_formats::device as formats;
pub use cpchain_formats::device::{
	Anchor, DeviceKey, DeviceSignature, ANCHOR_TAG, DEVICE_ID_TAG, READING_TAG, REGISTRATION_TAG,
	ROTATION_TAG,
};
use scale_info::TypeInfo;
use sp_core::{ed25519, sr25519, H256};

/// Identifier of a device: [`device_id`] of the key it was registered with.
pub type DeviceId = H256;

/// Checking a device's signatures with the host's crypto.
pub trait VerifyDeviceSignature {
	/// Whether `signature` is this key's signature over `message`.
	fn verify(&self, message: &[u8], signature: &DeviceSignature) -> bool;
}

impl VerifyDeviceSignature for DeviceKey {
	fn verify(&self, message: &[u8], signature: &DeviceSignature) -> bool {
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

/// A device's owner and key, for pallets that take what a device signed or what its owner's
/// gateways submit for it. Implemented by the device registry.
pub trait DeviceKeys<AccountId> {
	/// The owner and current key of `device`, if it is registered and active.
	fn active_device(device: &DeviceId) -> Result<(AccountId, DeviceKey), ProvenanceError>;
	/// Whether `owner` authorized `gateway` to submit for its devices.
	fn is_gateway(owner: &AccountId, gateway: &AccountId) -> bool;
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
/// was `nonce` ([`formats::device_id`], hashed by the host).
pub fn device_id(genesis: &H256, key: &DeviceKey, nonce: u32) -> DeviceId {
	sp_io::hashing::blake2_256(&formats::device_id_preimage(&genesis.0, key, nonce)).into()
}

/// Bytes the device signs to prove possession of `key` when `owner` registers it: the SCALE
/// encoding of `(REGISTRATION_TAG, genesis, owner, key, nonce)`, which for a 32-byte account
/// id is [`formats::registration_payload`] (the tests check they agree).
pub fn registration_payload<A: Encode>(
	genesis: &H256,
	owner: &A,
	key: &DeviceKey,
	nonce: u32,
) -> Vec<u8> {
	(REGISTRATION_TAG, genesis, owner, key, nonce).encode()
}

/// Bytes both the current and the new key sign to move `device` to `new_key`
/// ([`formats::rotation_payload`]).
pub fn rotation_payload(device: &DeviceId, new_key: &DeviceKey, key_version: u32) -> [u8; 89] {
	formats::rotation_payload(&device.0, new_key, key_version)
}

/// Bytes the device signs to commit to `anchor` ([`formats::anchor_payload`]).
pub fn anchor_payload(device: &DeviceId, anchor: &Anchor) -> [u8; 112] {
	formats::anchor_payload(&device.0, anchor)
}

/// The head of a device's anchor chain after `anchor` is appended to the chain ending in `prev`
/// ([`formats::next_anchor_hash`], hashed by the host). The chain of a new device starts at its
/// id.
pub fn next_anchor_hash(prev: &H256, anchor: &Anchor) -> H256 {
	sp_io::hashing::blake2_256(&[&prev.0[..], &anchor.to_bytes()].concat()).into()
}

/// Leaf of a batch's Merkle tree for one reading ([`formats::reading_leaf`]).
pub fn reading_leaf(timestamp_ms: u64, record: &[u8]) -> H256 {
	formats::reading_leaf(timestamp_ms, record).into()
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
	use crate::storage::MerkleTree;
	use cpchain_formats::device::vectors::*;

	const GENESIS_H256: H256 = H256(GENESIS);

	#[test]
	fn hashes_are_the_vectors() {
		assert_eq!(device_id(&GENESIS_H256, &KEY, 0), H256(DEVICE_ID));
		assert_eq!(next_anchor_hash(&H256(HEAD), &ANCHOR), H256(NEXT_HEAD));
		let leaves = READINGS.map(|(t, record)| reading_leaf(t, record));
		assert_eq!(leaves[0], H256(READING_LEAF));
		let tree = MerkleTree::from_leaves(leaves.to_vec()).expect("two leaves");
		assert_eq!(tree.root(), H256(BATCH_ROOT));
	}

	#[test]
	fn the_registration_payload_of_an_account_id_is_the_fixed_layout() {
		let owner = sp_runtime::AccountId32::new([9; 32]);
		assert_eq!(
			registration_payload(&GENESIS_H256, &owner, &KEY, 5),
			formats::registration_payload(&GENESIS, &[9; 32], &KEY, 5)
		);
	}

	#[test]
	fn what_the_device_crate_signs_verifies_on_chain() {
		let keypair = cpchain_device::Keypair::from_seed(&[42; 32]);
		let key = keypair.public();
		let owner = [9; 32];
		let proof = keypair.prove_possession(&GENESIS, &owner, 0);
		assert!(key.verify(&registration_payload(&GENESIS_H256, &owner, &key, 0), &proof));
		let mut device = cpchain_device::Device::new(keypair, &GENESIS, 0, 0);
		assert_eq!(device.id(), device_id(&GENESIS_H256, &key, 0).0);
		let mut batch = cpchain_device::Batch::new();
		batch.push(1, b"reading").unwrap();
		let (anchor, signature) = device.seal(&batch).unwrap();
		assert!(key.verify(&anchor_payload(&H256(device.id()), &anchor), &signature));
		assert!(!key.verify(&anchor_payload(&H256([4; 32]), &anchor), &signature));
	}

	#[test]
	fn signatures_verify_only_for_their_key_and_message() {
		for scheme in [Scheme::Ed25519, Scheme::Sr25519] {
			let pair = DevicePair::from_string(scheme, "//Sensor").unwrap();
			let other = DevicePair::from_string(scheme, "//Other").unwrap();
			let message = anchor_payload(&H256([4; 32]), &ANCHOR);
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
			let a = Anchor { sequence: seq, batch_root: [0; 32], reading_count: count, time_start: start, time_end: start };
			let mut b = a;
			b.batch_root[bit / 8] ^= 1 << (bit % 8);
			let prev = H256([4; 32]);
			proptest::prop_assert_ne!(next_anchor_hash(&prev, &a), next_anchor_hash(&prev, &b));
			proptest::prop_assert_eq!(next_anchor_hash(&prev, &a).0, formats::next_anchor_hash(&prev.0, &a));
		}
	}
}
