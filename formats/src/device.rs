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
//!
//! A batch's readings are the leaves of a [`crate::merkle`] tree ([`reading_leaf`]); its root
//! is the anchor's `batch_root`.

use crate::{blake2_256, merkle, Hash, Payload};
#[cfg(feature = "scale")]
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
#[cfg(feature = "scale")]
use scale_info::TypeInfo;

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
#[cfg_attr(
	feature = "scale",
	derive(Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)
)]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum DeviceKey {
	/// An ed25519 public key.
	Ed25519([u8; 32]),
	/// An sr25519 (schnorrkel) public key.
	Sr25519([u8; 32]),
}

impl DeviceKey {
	/// Its encoding: the scheme (0 ed25519, 1 sr25519), then the key.
	pub fn to_bytes(&self) -> [u8; 33] {
		let (scheme, key) = match self {
			DeviceKey::Ed25519(key) => (0, key),
			DeviceKey::Sr25519(key) => (1, key),
		};
		Payload::new().put(&[scheme]).put(key).finish()
	}
}

/// A 64-byte signature made by a [`DeviceKey`]; the key says which scheme it is.
#[cfg_attr(
	feature = "scale",
	derive(Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)
)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DeviceSignature(pub [u8; 64]);

/// One batch of readings committed by a device.
#[cfg_attr(
	feature = "scale",
	derive(Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)
)]
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Anchor {
	/// Position in the device's sequence; each anchor's must exceed the previous one's.
	pub sequence: u64,
	/// Merkle root of the readings in the batch.
	pub batch_root: Hash,
	/// Number of readings in the batch.
	pub reading_count: u32,
	/// Time of the first reading, milliseconds since the Unix epoch.
	pub time_start: u64,
	/// Time of the last reading, milliseconds since the Unix epoch.
	pub time_end: u64,
}

impl Anchor {
	/// Its encoding: the fields in order, integers little-endian.
	pub fn to_bytes(&self) -> [u8; 60] {
		Payload::new()
			.put(&self.sequence.to_le_bytes())
			.put(&self.batch_root)
			.put(&self.reading_count.to_le_bytes())
			.put(&self.time_start.to_le_bytes())
			.put(&self.time_end.to_le_bytes())
			.finish()
	}
}

/// Id of the device registered with `key` on chain `genesis` when the key's registration nonce
/// was `nonce`: the hash of [`device_id_preimage`].
pub fn device_id(genesis: &Hash, key: &DeviceKey, nonce: u32) -> Hash {
	blake2_256(&[&device_id_preimage(genesis, key, nonce)])
}

/// `DEVICE_ID_TAG ++ genesis ++ key ++ nonce`.
pub fn device_id_preimage(genesis: &Hash, key: &DeviceKey, nonce: u32) -> [u8; 89] {
	Payload::new()
		.put(DEVICE_ID_TAG)
		.put(genesis)
		.put(&key.to_bytes())
		.put(&nonce.to_le_bytes())
		.finish()
}

/// Bytes the device signs to prove possession of `key` when `owner` (a 32-byte account id)
/// registers it: `REGISTRATION_TAG ++ genesis ++ owner ++ key ++ nonce`.
pub fn registration_payload(
	genesis: &Hash,
	owner: &[u8; 32],
	key: &DeviceKey,
	nonce: u32,
) -> [u8; 121] {
	Payload::new()
		.put(REGISTRATION_TAG)
		.put(genesis)
		.put(owner)
		.put(&key.to_bytes())
		.put(&nonce.to_le_bytes())
		.finish()
}

/// Bytes both the current and the new key sign to move `device` to `new_key`:
/// `ROTATION_TAG ++ device ++ new_key ++ key_version`, where `key_version` is the device's key
/// version before the rotation.
pub fn rotation_payload(device: &Hash, new_key: &DeviceKey, key_version: u32) -> [u8; 89] {
	Payload::new()
		.put(ROTATION_TAG)
		.put(device)
		.put(&new_key.to_bytes())
		.put(&key_version.to_le_bytes())
		.finish()
}

/// Bytes the device signs to commit to `anchor`: `ANCHOR_TAG ++ device ++ anchor`.
pub fn anchor_payload(device: &Hash, anchor: &Anchor) -> [u8; 112] {
	Payload::new().put(ANCHOR_TAG).put(device).put(&anchor.to_bytes()).finish()
}

/// The head of a device's anchor chain after `anchor` is appended to the chain ending in `prev`:
/// the hash of `prev ++ anchor`. The chain of a new device starts at its id.
pub fn next_anchor_hash(prev: &Hash, anchor: &Anchor) -> Hash {
	blake2_256(&[prev, &anchor.to_bytes()])
}

/// Leaf of a batch's Merkle tree for one reading: `record` is the reading's bytes exactly as the
/// device wrote them, taken at `timestamp_ms` (milliseconds since the Unix epoch). The leaf is
/// the [`merkle::leaf_hash`] of `READING_TAG ++ timestamp_ms ++ compact(len) ++ record` (the
/// SCALE encoding of the tuple), and a batch's root is the tree's root over its readings' leaves
/// in order ([`merkle::RootBuilder`]).
pub fn reading_leaf(timestamp_ms: u64, record: &[u8]) -> Hash {
	let mut compact = [0; 5];
	let len = compact_len(record.len() as u32, &mut compact);
	merkle::leaf_hash(&[READING_TAG, &timestamp_ms.to_le_bytes(), &compact[..len], record])
}

/// SCALE's compact encoding of `n` into `out`; returns how many bytes it took.
fn compact_len(n: u32, out: &mut [u8; 5]) -> usize {
	match n {
		0..=0x3f => {
			out[0] = (n as u8) << 2;
			1
		},
		0x40..=0x3fff => {
			out[..2].copy_from_slice(&(((n as u16) << 2) | 0b01).to_le_bytes());
			2
		},
		0x4000..=0x3fff_ffff => {
			out[..4].copy_from_slice(&((n << 2) | 0b10).to_le_bytes());
			4
		},
		_ => {
			out[0] = 0b11;
			out[1..].copy_from_slice(&n.to_le_bytes());
			5
		},
	}
}

/// Fixed vectors: inputs, and the hashes computed from the layouts documented above with
/// Python's `hashlib.blake2b(digest_size=32)`, independently of this code. The tests of this
/// crate and of `cpchain-primitives` (the runtime's hashing) both check them.
pub mod vectors {
	use super::*;
	use hex_literal::hex;

	/// A genesis hash.
	pub const GENESIS: Hash = [1; 32];
	/// A device key.
	pub const KEY: DeviceKey = DeviceKey::Ed25519([2; 32]);
	/// `device_id(GENESIS, KEY, 0)`.
	pub const DEVICE_ID: Hash =
		hex!("86c09dc0ad0238ef624302947fa96a79324f244930a64cc3c2163c48d9cb19e7");
	/// An anchor.
	pub const ANCHOR: Anchor = Anchor {
		sequence: 7,
		batch_root: [3; 32],
		reading_count: 4096,
		time_start: 1_700_000_000_000,
		time_end: 1_700_000_060_000,
	};
	/// A head of an anchor chain.
	pub const HEAD: Hash = [4; 32];
	/// `next_anchor_hash(HEAD, ANCHOR)`.
	pub const NEXT_HEAD: Hash =
		hex!("509baf17798210fb166aca5d0c10a0dae978d6f62faeb80f6150e013b2096454");
	/// Two readings: (timestamp in ms, record).
	pub const READINGS: [(u64, &[u8]); 2] = [
		(1_700_000_000_000, b"1700000000000,3.71,25.4"),
		(1_700_000_060_000, b"1700000060000,3.70,25.6"),
	];
	/// `reading_leaf` of the first reading.
	pub const READING_LEAF: Hash =
		hex!("1c00265bf924dc61a32001a8ff4fbc439d3c751d1603251cd79e2110733ea0d0");
	/// The batch root of both readings.
	pub const BATCH_ROOT: Hash =
		hex!("da87837a814ebddbebc3e43a69e27633c08b89e4d45324c3afa32fc22c488e41");
}

#[cfg(test)]
mod tests {
	use super::{vectors::*, *};

	#[test]
	fn hashes_are_the_vectors() {
		assert_eq!(device_id(&GENESIS, &KEY, 0), DEVICE_ID);
		assert_eq!(next_anchor_hash(&HEAD, &ANCHOR), NEXT_HEAD);
		let [(t0, r0), (t1, r1)] = READINGS;
		assert_eq!(reading_leaf(t0, r0), READING_LEAF);
		let mut root = merkle::RootBuilder::new();
		root.push(reading_leaf(t0, r0));
		root.push(reading_leaf(t1, r1));
		assert_eq!(root.root(), Some(BATCH_ROOT));
	}

	#[test]
	fn payload_bytes_are_fixed() {
		assert_eq!(
			registration_payload(&GENESIS, &[9; 32], &KEY, 5),
			[&REGISTRATION_TAG[..], &[1; 32], &[9; 32], &[0], &[2; 32], &5u32.to_le_bytes()]
				.concat()[..]
		);
		assert_eq!(
			anchor_payload(&[4; 32], &ANCHOR),
			[
				&ANCHOR_TAG[..],
				&[4; 32],
				&7u64.to_le_bytes(),
				&[3; 32],
				&4096u32.to_le_bytes(),
				&1_700_000_000_000u64.to_le_bytes(),
				&1_700_000_060_000u64.to_le_bytes(),
			]
			.concat()[..]
		);
		assert_eq!(
			rotation_payload(&[4; 32], &DeviceKey::Sr25519([5; 32]), 1),
			[&ROTATION_TAG[..], &[4; 32], &[1], &[5; 32], &1u32.to_le_bytes()].concat()[..]
		);
	}

	#[cfg(feature = "scale")]
	proptest::proptest! {
		#[test]
		fn fixed_layouts_are_the_scale_encoding(
			sequence: u64, root: [u8; 32], count: u32, start: u64, end: u64, device: [u8; 32],
			owner: [u8; 32], raw_key: [u8; 32], sr: bool, nonce: u32,
			record in proptest::collection::vec(0u8.., 0..20_000), timestamp: u64,
		) {
			use codec::Encode;
			let anchor = Anchor { sequence, batch_root: root, reading_count: count, time_start: start, time_end: end };
			let key = if sr { DeviceKey::Sr25519(raw_key) } else { DeviceKey::Ed25519(raw_key) };
			proptest::prop_assert_eq!(&anchor_payload(&device, &anchor)[..], &(ANCHOR_TAG, device, anchor).encode()[..]);
			proptest::prop_assert_eq!(
				&registration_payload(&device, &owner, &key, nonce)[..],
				&(REGISTRATION_TAG, device, owner, key, nonce).encode()[..]
			);
			proptest::prop_assert_eq!(&rotation_payload(&device, &key, nonce)[..], &(ROTATION_TAG, device, key, nonce).encode()[..]);
			proptest::prop_assert_eq!(&device_id_preimage(&device, &key, nonce)[..], &(DEVICE_ID_TAG, device, key, nonce).encode()[..]);
			let mut preimage = std::vec![merkle::LEAF_PREFIX];
			preimage.extend((READING_TAG, timestamp, &record[..]).encode());
			proptest::prop_assert_eq!(reading_leaf(timestamp, &record), blake2_256(&[&preimage]));
		}
	}

	#[test]
	fn compact_lengths_at_every_boundary_match_scale() {
		for n in [0u32, 63, 64, 0x3fff, 0x4000, 0x3fff_ffff, 0x4000_0000, u32::MAX] {
			let mut out = [0; 5];
			let len = compact_len(n, &mut out);
			#[cfg(feature = "scale")]
			assert_eq!(&out[..len], &codec::Encode::encode(&codec::Compact(n))[..], "{n}");
			assert_eq!(
				len,
				match n {
					0..=63 => 1,
					64..=0x3fff => 2,
					0x4000..=0x3fff_ffff => 4,
					_ => 5,
				}
			);
		}
	}
}
