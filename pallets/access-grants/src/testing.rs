//! Real Umbral keys, capsules and fragments from a seeded generator, for the tests and
//! benchmarks of this pallet and of the data market. Deterministic, so they run the same in
//! WASM, which has no OS randomness. Never use them for real keys.

use crate::{FragmentBytes, SealedKey};
use alloc::vec::Vec;
use cpchain_primitives::pre::{
	encode_capsule, encode_capsule_frag, encode_public_key, PublicKeyBytes,
};
use frame_support::BoundedVec;
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use umbral_pre::{encrypt_with_rng, generate_kfrags_with_rng, reencrypt_with_rng, Signer};
pub use umbral_pre::{Capsule, CapsuleFrag, PublicKey, SecretKey};

/// A generator seeded with `seed`.
pub fn rng(seed: u64) -> ChaCha20Rng {
	ChaCha20Rng::seed_from_u64(seed)
}

/// A secret key from `seed`: a buyer's key, say.
pub fn secret_key(seed: u64) -> SecretKey {
	SecretKey::random_with_rng(&mut rng(seed))
}

/// The 33 bytes of the public key of `key`.
pub fn public_key(key: &SecretKey) -> PublicKeyBytes {
	encode_public_key(&key.public_key())
}

/// A seller's side of one listing: its delegating key, its signing key, and `plaintext`
/// encrypted under a capsule.
pub struct Listing {
	/// The listing's delegating secret key.
	pub delegating: SecretKey,
	/// Signs the key fragments.
	pub signer: Signer,
	/// The capsule of the data key.
	pub capsule: Capsule,
	/// The encrypted data.
	pub ciphertext: Vec<u8>,
	seed: u64,
}

impl Listing {
	/// A listing whose keys come from `seed`, encrypting `plaintext`.
	pub fn new(seed: u64, plaintext: &[u8]) -> Self {
		let mut rng = rng(seed);
		let delegating = SecretKey::random_with_rng(&mut rng);
		let signer = Signer::new(SecretKey::random_with_rng(&mut rng));
		let (capsule, ciphertext) = encrypt_with_rng(&mut rng, &delegating.public_key(), plaintext)
			.unwrap_or_else(|_| unreachable!("encrypting a short plaintext does not fail"));
		Self { delegating, signer, capsule, ciphertext: ciphertext.into(), seed }
	}

	/// The capsule and public keys, as a grant stores them.
	pub fn sealed(&self) -> SealedKey {
		SealedKey {
			capsule: BoundedVec::truncate_from(encode_capsule(&self.capsule)),
			delegating_key: encode_public_key(&self.delegating.public_key()),
			verifying_key: encode_public_key(&self.signer.verifying_key()),
		}
	}

	/// `shares` capsule fragments for `receiving`, `threshold` of which decrypt: what the
	/// seller's agent or its proxies compute off chain.
	pub fn fragments(
		&self,
		receiving: &SecretKey,
		threshold: usize,
		shares: usize,
	) -> Vec<CapsuleFrag> {
		self.fragment_set(receiving, threshold, shares, 0)
	}

	/// Like [`Self::fragments`], from key-fragment set number `set`: each `generate_kfrags`
	/// run gives a new set, and fragments of two sets do not decrypt together.
	pub fn fragment_set(
		&self,
		receiving: &SecretKey,
		threshold: usize,
		shares: usize,
		set: u64,
	) -> Vec<CapsuleFrag> {
		let mut rng = rng(self.seed.wrapping_add(1).wrapping_add(set << 32));
		generate_kfrags_with_rng(
			&mut rng,
			&self.delegating,
			&receiving.public_key(),
			&self.signer,
			threshold,
			shares,
			true,
			true,
		)
		.iter()
		.map(|kfrag| reencrypt_with_rng(&mut rng, &self.capsule, kfrag.clone()).unverify())
		.collect()
	}
}

/// A fragment as a call takes it.
pub fn wire(cfrag: &CapsuleFrag) -> FragmentBytes {
	BoundedVec::truncate_from(encode_capsule_frag(cfrag))
}

/// `cfrag` with the last point of its proof (`u2`) replaced by another of its points (`e2`):
/// still well formed and still carrying the genuine key fragment signature, but no longer a
/// correct re-encryption, found out by the last check verification makes (its worst case).
pub fn tampered(cfrag: &CapsuleFrag) -> FragmentBytes {
	let mut bytes = encode_capsule_frag(cfrag);
	let (e2, u2) = (136..169, 238..271);
	let e2_bytes: Vec<u8> = bytes[e2].to_vec();
	bytes[u2].copy_from_slice(&e2_bytes);
	BoundedVec::truncate_from(bytes)
}
