//! Proxy re-encryption (Umbral) byte formats.
//!
//! A listing's data key is sealed in an Umbral [`Capsule`] under the listing's delegating public
//! key. A buyer gets access when enough [`CapsuleFrag`]s, re-encryptions of that capsule for the
//! buyer's public key, are verified on chain. The chain and the clients exchange these objects as
//! bytes, and these functions are the only definition of those bytes:
//!
//! * public keys: the 33-byte compressed secp256k1 point ([`PublicKey::to_compressed_bytes`]);
//! * capsules and capsule fragments: their `serde` form encoded with `postcard`. Every curve
//!   point is a length byte (33) followed by the compressed point, every scalar a length byte
//!   (32) followed by the big-endian scalar, in the order of `to_bytes_simple`; a client that
//!   has `to_bytes_simple` can produce them with [`simple_to_wire`].
//!
//! Decoding checks the curve points, and a capsule's own proof of integrity; trailing bytes are
//! refused, so one object has exactly one encoding.

use alloc::vec::Vec;
pub use umbral_pre::{Capsule, CapsuleFrag, CapsuleFragVerificationError, PublicKey};

mod verify;
pub use verify::{verify_fragment, FragmentError};

/// Length of a compressed public key.
pub const PUBLIC_KEY_LEN: usize = 33;
/// Length of an encoded capsule: two points and a scalar, each with its length byte.
pub const CAPSULE_LEN: usize = 3 + 2 * 33 + 32;
/// Length of an encoded capsule fragment: seven points, the key fragment id and two scalars of
/// the proof and the 64-byte key fragment signature, each with its length byte.
pub const CAPSULE_FRAG_LEN: usize = 7 * 34 + 33 + 33 + 65;

/// The lengths of a capsule's fields: two points and a scalar.
const CAPSULE_FIELDS: &[usize] = &[33, 33, 32];
/// The lengths of a capsule fragment's fields: e1, v1, the key fragment id, the precursor,
/// then the proof: e2, v2, the key fragment's commitment u1, u2, a scalar and the key
/// fragment's signature.
const FRAGMENT_FIELDS: &[usize] = &[33, 33, 32, 33, 33, 33, 33, 33, 32, 64];

/// A public key as the chain stores it.
pub type PublicKeyBytes = [u8; PUBLIC_KEY_LEN];

/// The key, if `bytes` is a point on the curve.
pub fn decode_public_key(bytes: &PublicKeyBytes) -> Option<PublicKey> {
	PublicKey::try_from_compressed_bytes(bytes).ok()
}

/// The bytes of a public key.
pub fn encode_public_key(key: &PublicKey) -> PublicKeyBytes {
	let mut out = [0u8; PUBLIC_KEY_LEN];
	out.copy_from_slice(&key.to_compressed_bytes());
	out
}

// Serializing to a `Vec` cannot fail for these types: they have no maps and no unknown lengths.

/// The bytes of a capsule.
pub fn encode_capsule(capsule: &Capsule) -> Vec<u8> {
	postcard::to_allocvec(capsule).unwrap_or_default()
}

/// The capsule, if `bytes` is exactly one valid capsule.
pub fn decode_capsule(bytes: &[u8]) -> Option<Capsule> {
	match postcard::take_from_bytes(bytes) {
		Ok((capsule, [])) => Some(capsule),
		_ => None,
	}
}

/// The bytes of a capsule fragment.
pub fn encode_capsule_frag(cfrag: &CapsuleFrag) -> Vec<u8> {
	postcard::to_allocvec(cfrag).unwrap_or_default()
}

/// The capsule fragment, if `bytes` is exactly one well-formed fragment. Whether it is a
/// correct re-encryption is for [`verify_capsule_frag`] to say.
pub fn decode_capsule_frag(bytes: &[u8]) -> Option<CapsuleFrag> {
	match postcard::take_from_bytes(bytes) {
		Ok((cfrag, [])) => Some(cfrag),
		_ => None,
	}
}

/// Id of the key fragment the encoded capsule fragment `bytes` was made with. Fragments made
/// with the same key fragment count once towards a threshold.
pub fn key_frag_id(bytes: &[u8]) -> Option<[u8; 32]> {
	// After e1 and v1, each with its length byte, and the id's length byte.
	bytes.get(69..101)?.try_into().ok()
}

/// The precursor of the key-fragment set the encoded capsule fragment `bytes` was made with:
/// every key fragment of one `generate_kfrags` run carries the same one. Umbral decrypts only
/// with fragments that share it, so fragments of two sets never add up to a threshold.
pub fn precursor(bytes: &[u8]) -> Option<[u8; PUBLIC_KEY_LEN]> {
	// After the key fragment id and the precursor's length byte.
	bytes.get(102..135)?.try_into().ok()
}

/// Checks that `cfrag` re-encrypts `capsule` for `receiving` with a key fragment that
/// `verifying` signed for `delegating` and `receiving`.
pub fn verify_capsule_frag(
	cfrag: CapsuleFrag,
	capsule: &Capsule,
	verifying: &PublicKey,
	delegating: &PublicKey,
	receiving: &PublicKey,
) -> Result<(), CapsuleFragVerificationError> {
	cfrag.verify(capsule, verifying, delegating, receiving).map(|_| ()).map_err(|(e, _)| e)
}

/// Turns the `to_bytes_simple` form of a capsule or capsule fragment (as the Umbral bindings
/// for JavaScript and Python give it) into the bytes the chain takes, by putting each field's
/// length in front of it. `None` if the length is neither a capsule's nor a fragment's.
pub fn simple_to_wire(simple: &[u8]) -> Option<Vec<u8>> {
	let fields = match simple.len() {
		98 => CAPSULE_FIELDS,
		359 => FRAGMENT_FIELDS,
		_ => return None,
	};
	let mut out = Vec::with_capacity(simple.len() + fields.len());
	let mut at = 0;
	for len in fields {
		out.push(*len as u8);
		out.extend_from_slice(&simple[at..at + len]);
		at += len;
	}
	Some(out)
}

#[cfg(test)]
mod tests {
	use super::*;
	use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
	use umbral_pre::{
		decrypt_reencrypted, encrypt_with_rng, generate_kfrags_with_rng, reencrypt_with_rng,
		SecretKey, Signer,
	};

	/// A listing's capsule and a buyer's fragments from a seeded generator (also
	/// `verify`'s tests).
	pub(super) struct Flow {
		pub(super) capsule: Capsule,
		ciphertext: Vec<u8>,
		pub(super) delegating: SecretKey,
		pub(super) verifying: PublicKey,
		signer: Signer,
		pub(super) receiving: SecretKey,
		pub(super) cfrags: Vec<CapsuleFrag>,
	}

	pub(super) fn flow(seed: u8, threshold: usize, shares: usize) -> Flow {
		let mut rng = ChaCha20Rng::from_seed([seed; 32]);
		let delegating = SecretKey::random_with_rng(&mut rng);
		let signer = Signer::new(SecretKey::random_with_rng(&mut rng));
		let receiving = SecretKey::random_with_rng(&mut rng);
		let (capsule, ciphertext) =
			encrypt_with_rng(&mut rng, &delegating.public_key(), b"traffic counts, junction 7")
				.unwrap();
		let kfrags = generate_kfrags_with_rng(
			&mut rng,
			&delegating,
			&receiving.public_key(),
			&signer,
			threshold,
			shares,
			true,
			true,
		);
		let cfrags = kfrags
			.iter()
			.map(|k| reencrypt_with_rng(&mut rng, &capsule, k.clone()).unverify())
			.collect();
		Flow {
			capsule,
			ciphertext: ciphertext.into(),
			delegating,
			verifying: signer.verifying_key(),
			signer,
			receiving,
			cfrags,
		}
	}

	#[test]
	fn capsule_bytes_are_its_fields_with_lengths() {
		let f = flow(1, 1, 1);
		let wire = encode_capsule(&f.capsule);
		assert_eq!(wire.len(), CAPSULE_LEN);
		assert_eq!(Some(wire.clone()), simple_to_wire(&f.capsule.to_bytes_simple()));
		assert_eq!((wire[0], wire[34], wire[68]), (33, 33, 32));
		assert_eq!(decode_capsule(&wire), Some(f.capsule));
	}

	#[test]
	fn capsule_frag_bytes_are_its_fields_with_lengths() {
		let f = flow(2, 2, 3);
		let cfrag = f.cfrags[0].clone();
		let wire = encode_capsule_frag(&cfrag);
		assert_eq!(wire.len(), CAPSULE_FRAG_LEN);
		assert_eq!(Some(wire.clone()), simple_to_wire(&cfrag.to_bytes_simple()));
		assert_eq!(decode_capsule_frag(&wire), Some(cfrag.clone()));
		assert_eq!(key_frag_id(&wire).unwrap(), cfrag.to_bytes_simple()[66..98]);
		assert_ne!(key_frag_id(&wire), key_frag_id(&encode_capsule_frag(&f.cfrags[1])));
		assert_eq!(precursor(&wire).unwrap(), cfrag.to_bytes_simple()[98..131]);
	}

	/// Fragments of one key-fragment set share a precursor and decrypt together; with one
	/// fragment of another set for the same keys, Umbral refuses to decrypt.
	#[test]
	fn fragments_of_two_key_fragment_sets_do_not_decrypt_together() {
		let f = flow(8, 2, 2);
		let (delegating, receiving) = (f.delegating.public_key(), f.receiving.public_key());
		let mut rng = ChaCha20Rng::from_seed([9; 32]);
		let kfrags = generate_kfrags_with_rng(
			&mut rng,
			&f.delegating,
			&receiving,
			&f.signer,
			2,
			2,
			true,
			true,
		);
		let other = reencrypt_with_rng(&mut rng, &f.capsule, kfrags[1].clone()).unverify();
		let set = |c: &CapsuleFrag| precursor(&encode_capsule_frag(c));
		assert_eq!(set(&f.cfrags[0]), set(&f.cfrags[1]));
		assert_ne!(set(&f.cfrags[0]), set(&other));
		let verify = |c: &CapsuleFrag| {
			c.clone().verify(&f.capsule, &f.verifying, &delegating, &receiving).unwrap()
		};
		let mixed = [verify(&f.cfrags[0]), verify(&other)];
		assert!(decrypt_reencrypted(&f.receiving, &delegating, &f.capsule, mixed, &f.ciphertext)
			.is_err());
	}

	/// Made with the JavaScript bindings (`@nucypher/umbral-pre` 0.10.0 from npm, as the
	/// end-to-end test uses them): their `toBytesSimple` bytes, through [`simple_to_wire`],
	/// verify here.
	#[test]
	fn fragments_from_the_javascript_bindings_verify() {
		use hex_literal::hex;
		let delegating = hex!("03a28db3fbf36c7e9ef9bf5a7faab903657a62dbcb21452c08bdef41c29eca216b");
		let verifying = hex!("03588fff323d82c0e4f2ca55e312b6c6b739bcf8bdc00990809c3f06cc3dc6d7b5");
		let receiving = hex!("036a5e5145dc36b60df3b7d6602092cd9807fc876c3f3f5aed56cbca8dd3675d5c");
		let capsule = hex!("022be9b9a2c1b1d2934c714e75984e96fd0f66f017b8dec2b284bdee4be841ea1f03639883868326e27e97b482608848d93b9ad9e0efee0260efba83255876521da30588cada3d5cbd8902246e22eef7ff0c634660162eaf0214d9ef2c00ffcd1a22");
		let cfrag = hex!("02cb086fd0ef66494a032255ee11de56137694c930c42714eefa1096aac6eaf2450215e649bea2ea4a101603734edc59330b3152d2a62d2d6419780a7ea4381ca9fb5e11355e03f06cd208e87ea472e7c9f672ae19f501b13c13372ddadfd87acd4e027e5922b3478f2c4d1a86906a65a6d94424e6f2bf38d3e2431c8a7ac76080b13602b88ee3a8c4a767f03a8ab33b8c63cd71a9bea14b585ba3853c5cf04d5d0bac5502eada8ee4bef5fc5a031e65e8a62878d2998e239dff47d921bb1f5189ff28ccd00230492c3ea4f27702903bb526f2e1ce68befc8b01f65d42f58b3d4b336c5cbbfb02de8b749da8001f7cddf316da23217d4b67f0d527700bff0c1466c9226884b5f98a96c066edcb7ac708d57b4b03f02f7ddbf049c9e186f852252a885caeaf472609c37a696f8aa540ab59468c998452ea7e4dd75f539534b77ee991eac199bf4d097ef83fcff481ef58131208e65a9a5f4353870afb831142d252f632a69b888f");
		let capsule = decode_capsule(&simple_to_wire(&capsule).unwrap()).unwrap();
		let cfrag = decode_capsule_frag(&simple_to_wire(&cfrag).unwrap()).unwrap();
		let key = |bytes| decode_public_key(&bytes).unwrap();
		assert_eq!(
			verify_capsule_frag(
				cfrag,
				&capsule,
				&key(verifying),
				&key(delegating),
				&key(receiving)
			),
			Ok(())
		);
	}

	#[test]
	fn public_key_round_trips() {
		let f = flow(3, 1, 1);
		let pk = f.delegating.public_key();
		assert_eq!(decode_public_key(&encode_public_key(&pk)), Some(pk));
		assert_eq!(decode_public_key(&[0u8; PUBLIC_KEY_LEN]), None);
		assert!(decode_public_key(&[2u8; PUBLIC_KEY_LEN]).is_some());
	}

	#[test]
	fn malformed_bytes_are_refused() {
		let f = flow(4, 1, 1);
		let capsule = encode_capsule(&f.capsule);
		let cfrag = encode_capsule_frag(&f.cfrags[0]);
		assert_eq!(decode_capsule(&capsule[..CAPSULE_LEN - 1]), None);
		assert_eq!(decode_capsule(&[&capsule[..], &[0]].concat()), None);
		assert_eq!(decode_capsule_frag(&cfrag[..CAPSULE_FRAG_LEN - 1]), None);
		assert_eq!(decode_capsule_frag(&[&cfrag[..], &[0]].concat()), None);
		// A capsule whose integrity proof fails (last byte of the scalar flipped).
		let mut bad = capsule.clone();
		bad[CAPSULE_LEN - 1] ^= 1;
		assert_eq!(decode_capsule(&bad), None);
		// A point that is not on the curve.
		let mut bad = cfrag.clone();
		bad[1] = 0x07;
		assert_eq!(decode_capsule_frag(&bad), None);
		assert_eq!(simple_to_wire(&[0u8; 100]), None);
	}

	#[test]
	fn verified_fragments_decrypt_and_tampered_ones_fail() {
		let f = flow(5, 2, 3);
		let (delegating, receiving) = (f.delegating.public_key(), f.receiving.public_key());
		for cfrag in &f.cfrags {
			let cfrag = decode_capsule_frag(&encode_capsule_frag(cfrag)).unwrap();
			assert_eq!(
				verify_capsule_frag(cfrag, &f.capsule, &f.verifying, &delegating, &receiving),
				Ok(())
			);
		}
		// For another receiver the key fragment's signature does not match.
		let other = flow(6, 1, 1).receiving.public_key();
		assert_eq!(
			verify_capsule_frag(f.cfrags[0].clone(), &f.capsule, &f.verifying, &delegating, &other),
			Err(CapsuleFragVerificationError::IncorrectKeyFragSignature)
		);
		// Against another capsule the re-encryption proof fails.
		let other_capsule = flow(7, 1, 1).capsule;
		assert_eq!(
			verify_capsule_frag(
				f.cfrags[0].clone(),
				&other_capsule,
				&f.verifying,
				&delegating,
				&receiving
			),
			Err(CapsuleFragVerificationError::IncorrectReencryption)
		);
		let verified: Vec<_> = f.cfrags[..2]
			.iter()
			.map(|c| c.clone().verify(&f.capsule, &f.verifying, &delegating, &receiving).unwrap())
			.collect();
		let plain =
			decrypt_reencrypted(&f.receiving, &delegating, &f.capsule, verified, &f.ciphertext)
				.unwrap();
		assert_eq!(&plain[..], b"traffic counts, junction 7");
	}
}
