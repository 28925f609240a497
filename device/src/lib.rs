//! CPChain on the device: what a sensor, a vehicle dongle or a battery-management controller
//! runs to put its readings on chain.
//!
//! `no_std` and no allocator: a [`Batch`] folds readings into their Merkle root as they are
//! taken (memory for 32 hashes, whatever the batch size), and a [`Device`] seals the batch
//! into the next [`Anchor`] of its sequence, signed with its ed25519 key. Signing is
//! deterministic (RFC 8032): the device needs no random numbers. The bytes signed and hashed
//! are those of [`cpchain_formats`], the definitions the runtime checks against.
//!
//! ```
//! use cpchain_device::{Batch, Device, Keypair};
//! let genesis = [7; 32]; // the chain's genesis hash, given at provisioning
//! let keypair = Keypair::from_seed(&[42; 32]);
//! // The owner registers the device with this proof of possession ...
//! let _proof = keypair.prove_possession(&genesis, &[1; 32], 0);
//! // ... and the device anchors its batches from then on.
//! let mut device = Device::new(keypair, &genesis, 0, 0);
//! let mut batch = Batch::new();
//! batch.push(1_764_547_200_000, b"1764547200000,396.2,-12.5,24.1").unwrap();
//! let (anchor, _signature) = device.seal(&batch).unwrap();
//! assert_eq!((anchor.sequence, anchor.reading_count), (1, 1));
//! ```

#![no_std]

pub mod mqtt;

use cpchain_formats::{device, merkle::RootBuilder};
pub use cpchain_formats::{
	device::{Anchor, DeviceKey, DeviceSignature},
	Hash,
};
use ed25519_dalek::{Signer, SigningKey};

/// A device's ed25519 key pair.
pub struct Keypair(SigningKey);

impl Keypair {
	/// The key pair whose secret is `seed` (from the device's secure element, or provisioning).
	pub fn from_seed(seed: &[u8; 32]) -> Self {
		Self(SigningKey::from_bytes(seed))
	}

	/// The public key, as the chain knows it.
	pub fn public(&self) -> DeviceKey {
		DeviceKey::Ed25519(self.0.verifying_key().to_bytes())
	}

	/// Signs `message`.
	pub fn sign(&self, message: &[u8]) -> DeviceSignature {
		DeviceSignature(self.0.sign(message).to_bytes())
	}

	/// The proof of possession with which `owner` (a 32-byte account id) registers this key on
	/// the chain with genesis hash `genesis`; `nonce` is the key's registration count there (0
	/// for a new key).
	pub fn prove_possession(
		&self,
		genesis: &Hash,
		owner: &[u8; 32],
		nonce: u32,
	) -> DeviceSignature {
		self.sign(&device::registration_payload(genesis, owner, &self.public(), nonce))
	}
}

/// A batch of readings being taken: their count, time range and the Merkle root so far.
#[derive(Clone, Debug, Default)]
pub struct Batch {
	root: RootBuilder,
	time_start: u64,
	time_end: u64,
}

/// Why a reading was not added to a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchError {
	/// The batch holds `u32::MAX` readings, the most an anchor can count.
	Full,
}

impl Batch {
	/// An empty batch.
	pub const fn new() -> Self {
		Self { root: RootBuilder::new(), time_start: 0, time_end: 0 }
	}

	/// Adds a reading: `record` is its bytes exactly as the device stores or sends them, taken
	/// at `timestamp_ms` (milliseconds since the Unix epoch). The time range is the earliest to
	/// the latest reading, in whatever order they come.
	pub fn push(&mut self, timestamp_ms: u64, record: &[u8]) -> Result<(), BatchError> {
		if !self.root.push(device::reading_leaf(timestamp_ms, record)) {
			return Err(BatchError::Full);
		}
		if self.root.count() == 1 {
			(self.time_start, self.time_end) = (timestamp_ms, timestamp_ms);
		} else {
			self.time_start = self.time_start.min(timestamp_ms);
			self.time_end = self.time_end.max(timestamp_ms);
		}
		Ok(())
	}

	/// Readings in the batch.
	pub fn len(&self) -> u32 {
		self.root.count()
	}

	/// Whether the batch has no readings.
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}

	/// The anchor of this batch at `sequence`; `None` while it is empty.
	pub fn anchor(&self, sequence: u64) -> Option<Anchor> {
		Some(Anchor {
			sequence,
			batch_root: self.root.root()?,
			reading_count: self.len(),
			time_start: self.time_start,
			time_end: self.time_end,
		})
	}
}

/// A registered device: its key, its id on chain and the last sequence number it anchored.
pub struct Device {
	keypair: Keypair,
	id: Hash,
	last_sequence: u64,
}

impl Device {
	/// The device registered on the chain with genesis hash `genesis` when its key's
	/// registration nonce was `nonce`, whose last anchor had `last_sequence` (0 before the
	/// first). Keep `last_sequence` across restarts (or read it from the chain): an anchor
	/// whose sequence is not above the last one is refused.
	pub fn new(keypair: Keypair, genesis: &Hash, nonce: u32, last_sequence: u64) -> Self {
		let id = device::device_id(genesis, &keypair.public(), nonce);
		Self { keypair, id, last_sequence }
	}

	/// The device id on chain.
	pub fn id(&self) -> Hash {
		self.id
	}

	/// The sequence number of the last anchor sealed.
	pub fn last_sequence(&self) -> u64 {
		self.last_sequence
	}

	/// The next anchor of the sequence, committing to `batch`, and the device's signature over
	/// it; `None` for an empty batch (the chain refuses those), or after `u64::MAX` anchors.
	pub fn seal(&mut self, batch: &Batch) -> Option<(Anchor, DeviceSignature)> {
		let anchor = batch.anchor(self.last_sequence.checked_add(1)?)?;
		let signature = self.keypair.sign(&device::anchor_payload(&self.id, &anchor));
		self.last_sequence = anchor.sequence;
		Some((anchor, signature))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use ed25519_dalek::{Signature, VerifyingKey};

	fn verify(key: &DeviceKey, message: &[u8], signature: &DeviceSignature) -> bool {
		let DeviceKey::Ed25519(public) = key else { return false };
		VerifyingKey::from_bytes(public)
			.and_then(|key| key.verify_strict(message, &Signature::from_bytes(&signature.0)))
			.is_ok()
	}

	#[test]
	fn sealed_anchors_verify_and_count_up() {
		let genesis = [7; 32];
		let keypair = Keypair::from_seed(&[42; 32]);
		let public = keypair.public();
		let mut device = Device::new(keypair, &genesis, 3, 41);
		assert_eq!(device.id(), device::device_id(&genesis, &public, 3));
		let mut batch = Batch::new();
		assert_eq!(device.seal(&batch), None, "an empty batch is not sealed");
		for (t, record) in [(20, &b"b"[..]), (10, b"a"), (30, b"c")] {
			batch.push(t, record).unwrap();
		}
		let (anchor, signature) = device.seal(&batch).unwrap();
		assert_eq!((anchor.sequence, anchor.reading_count), (42, 3));
		assert_eq!((anchor.time_start, anchor.time_end), (10, 30));
		let payload = device::anchor_payload(&device.id(), &anchor);
		assert!(verify(&public, &payload, &signature));
		assert!(!verify(&public, &payload[1..], &signature));
		assert_eq!(device.seal(&batch).unwrap().0.sequence, 43);
		assert_eq!(device.last_sequence(), 43);
	}

	#[test]
	fn the_batch_root_is_the_tree_of_the_reading_leaves() {
		let mut batch = Batch::new();
		let mut tree = RootBuilder::new();
		for i in 0..1000u64 {
			let record = [b'r', (i % 256) as u8];
			batch.push(1_000 + i, &record).unwrap();
			tree.push(device::reading_leaf(1_000 + i, &record));
		}
		let anchor = batch.anchor(1).unwrap();
		assert_eq!(Some(anchor.batch_root), tree.root());
		assert_eq!((anchor.time_start, anchor.time_end), (1_000, 1_999));
	}

	#[test]
	fn signing_is_deterministic_and_the_proof_names_the_owner() {
		let keypair = Keypair::from_seed(&[1; 32]);
		let proof = keypair.prove_possession(&[2; 32], &[3; 32], 0);
		assert_eq!(proof, keypair.prove_possession(&[2; 32], &[3; 32], 0));
		let payload = device::registration_payload(&[2; 32], &[3; 32], &keypair.public(), 0);
		assert!(verify(&keypair.public(), &payload, &proof));
		let other_owner = device::registration_payload(&[2; 32], &[4; 32], &keypair.public(), 0);
		assert!(!verify(&keypair.public(), &other_owner, &proof));
	}
}
