//! Capsule fragment verification as the runtime runs it: for every input, the decision
//! umbral-pre 0.11 takes by decoding the fragment ([`super::decode_capsule_frag`]) and calling
//! [`umbral_pre::CapsuleFrag::verify`], at a fraction of its cost in WASM.
//!
//! A fragment is checked from its wire bytes against a grant's capsule and keys as the chain
//! stores them: canonical compressed points, decoded once when they entered the chain and
//! never again (the host needs no more than a point's x and the parity of its y).
//!
//! * Hashes are taken over the submitted bytes, which are the canonical encodings, with the
//!   host's SHA-256; umbral-pre re-encodes decoded points to hash them, a field inversion each.
//! * The key fragment's ECDSA check and the six multiplications of the re-encryption proof
//!   are done by the host, as ECDSA public key recoveries (below). What is left in WASM is four
//!   point decompressions (`e2`, `v2` and `u2`, to compare them with the sums they must equal,
//!   and the precursor, which must be a point for the fragment to decode), three point
//!   additions and a scalar inversion.
//!
//! # `a·P + b·G` from ECDSA public key recovery
//! Recovery (SEC 1 v2, 4.1.6) takes a signature `(r, s)`, a recovery id and a message hash
//! `m`; it lifts `R`, the point whose x-coordinate is `r` (`r + n` if bit 1 of the id is set)
//! and whose y has the parity of bit 0, and returns `r⁻¹·(s·R − m·G)`; it fails if `R` is not on
//! the curve or the result is the point at infinity. For a point `P = (x, y)` we take
//! `r = x mod n` and the id from `y`'s parity and whether `x ≥ n`, so that `R = P`; with
//! `s = a·r` and `m = −b·r` the host returns `r⁻¹·(a·r·P + b·r·G) = a·P + b·G`.
//!
//! * `s` is not 0: `a ≠ 0` (callers make sure) and `r ≠ 0`, because `r = 0` needs `x = 0`,
//!   which no point has, or `x = n`: for the two points with `x = n` the host is given `P + G`
//!   (a constant) and `b − a`.
//! * With `b = 0` the result `a·P` of a point is never the point at infinity (the group has
//!   prime order), so a failure means that `P` is not a point: the host lifts `e1`, `v1` and
//!   `u1` for us. An `x ≥ p` does not lift either.
//! * The host (`sp_io::crypto::secp256k1_ecdsa_recover`, libsecp256k1) takes `s` of either
//!   half of the range and any 32-byte message.
//!
//! Each case is tested against k256's own arithmetic, and the whole against umbral-pre on
//! genuine and tampered fragments.

use super::{PublicKeyBytes, FRAGMENT_FIELDS};
use hex_literal::hex;
use k256::{
	elliptic_curve::{
		group::GroupEncoding,
		ops::{Invert, Reduce},
		point::AffineCoordinates,
		scalar::IsHigh,
		sec1::FromEncodedPoint,
		subtle::CtOption,
		PrimeField,
	},
	AffinePoint, EncodedPoint, FieldBytes, NonZeroScalar, ProjectivePoint, Scalar, U256,
};

/// A compressed point: 2 or 3 for the parity of y, then x.
type Point = [u8; 33];

/// Why a capsule fragment is refused, in the order umbral-pre decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FragmentError {
	/// Not the bytes of one fragment: a wrong length, a point that is not on the curve, a
	/// scalar out of range. umbral-pre would not decode it.
	Malformed,
	/// The key fragment was not signed by the verifying key for these delegating and
	/// receiving keys.
	IncorrectKeyFragSignature,
	/// The proof of re-encryption fails: the fragment is not the capsule re-encrypted with
	/// the key fragment it names.
	IncorrectReencryption,
}

/// `u` of umbral-pre's `Parameters` (hashed to the curve from a constant): the third base of
/// the re-encryption proof.
const POINT_U: Point = hex!("03079390d0fbe220fc34aab8ecbf49098098036820fadb98c03143e55db8ec73cd");
/// The group order `n`, which is also the x-coordinate of two points.
const ORDER: [u8; 32] = hex!("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
/// `P + G` for the points `P` with x-coordinate `n`: with even y, with odd y.
const X_IS_ORDER_PLUS_G: [Point; 2] = [
	hex!("034d7390e2f91d5f6e63ad25b8b3fc253dae216965fd3c312de56ccaeea97737f8"),
	hex!("0263f98b2f4563ebfbc4be4175a5cfc788acf7a2212af890af79834b0e38a182a9"),
];

/// Checks the encoded capsule fragment `bytes` against a grant: it must re-encrypt `capsule`
/// (encoded, see [`super::encode_capsule`]) for `receiving`, with a key fragment that
/// `verifying` signed for `delegating` and `receiving`. The capsule and keys must be ones
/// that decode ([`super::decode_capsule`], [`super::decode_public_key`]): they are checked
/// when they enter the chain, not here. With any other, no fragment verifies.
pub fn verify_fragment(
	bytes: &[u8],
	capsule: &[u8],
	verifying: &PublicKeyBytes,
	delegating: &PublicKeyBytes,
	receiving: &PublicKeyBytes,
) -> Result<(), FragmentError> {
	let f = Fields::parse(bytes).ok_or(FragmentError::Malformed)?;
	let (Some(e), Some(v)) = (point_at(capsule, 0), point_at(capsule, 1)) else {
		return Err(FragmentError::IncorrectReencryption);
	};

	let h = {
		const DST: &[u8] = b"CFRAG_VERIFICATION";
		let mut data = [0u8; 4 + DST.len() + 9 * 33];
		data[..4].copy_from_slice(&(DST.len() as u32).to_be_bytes());
		data[4..4 + DST.len()].copy_from_slice(DST);
		let points = [e, f.e1, f.e2, v, f.v1, f.v2, &POINT_U, f.u1, f.u2];
		for (chunk, point) in data[4 + DST.len()..].chunks_exact_mut(33).zip(points) {
			chunk.copy_from_slice(point);
		}
		*<NonZeroScalar as Reduce<U256>>::reduce_bytes(&sp_io::hashing::sha2_256(&data).into())
	};
	// `−h·e1`, `−h·v1`, `−h·u1`; computing them lifts e1, v1 and u1.
	let minus_h = -h;
	let [e1h, v1h, u1h] = [f.e1, f.v1, f.u1].map(|p| times_plus_g(p, &minus_h, &Scalar::ZERO));
	let [e2, v2, u2, precursor] = [f.e2, f.v2, f.u2, f.precursor].map(decompress);
	let (Some(e1h), Some(v1h), Some(u1h), Some(e2), Some(v2), Some(u2), Some(_)) =
		(e1h, v1h, u1h, e2, v2, u2, precursor)
	else {
		return Err(FragmentError::Malformed);
	};

	if !key_frag_signed(&f, verifying, delegating, receiving) {
		return Err(FragmentError::IncorrectKeyFragSignature);
	}

	// z·X = X2 + h·X1 for each base X of the proof.
	let z_times = |point: &Point| -> Option<ProjectivePoint> {
		if bool::from(f.z.is_zero()) {
			return Some(ProjectivePoint::IDENTITY);
		}
		times_plus_g(point, &f.z, &Scalar::ZERO).map(ProjectivePoint::from)
	};
	let proven =
		[(e, e1h, e2), (v, v1h, v2), (&POINT_U, u1h, u2)].into_iter().all(|(base, x1h, x2)| {
			z_times(base).is_some_and(|zx| zx + x1h == ProjectivePoint::from(x2))
		});
	if !proven {
		return Err(FragmentError::IncorrectReencryption);
	}
	Ok(())
}

/// The fields of an encoded capsule fragment, in their order.
struct Fields<'a> {
	e1: &'a Point,
	v1: &'a Point,
	kfrag_id: &'a [u8],
	precursor: &'a Point,
	e2: &'a Point,
	v2: &'a Point,
	u1: &'a Point,
	u2: &'a Point,
	z: Scalar,
	r: Scalar,
	s: Scalar,
}

impl<'a> Fields<'a> {
	/// The fields, if `bytes` has exactly their lengths, points that may be points (their
	/// first byte 2 or 3; whether x is on the curve is found later) and scalars that
	/// umbral-pre takes: each below the group order, the signature's not zero.
	fn parse(bytes: &'a [u8]) -> Option<Self> {
		let mut fields = [&[][..]; FRAGMENT_FIELDS.len()];
		let mut rest = bytes;
		for (field, &len) in fields.iter_mut().zip(FRAGMENT_FIELDS) {
			let (&prefix, tail) = rest.split_first()?;
			if usize::from(prefix) != len || tail.len() < len {
				return None;
			}
			(*field, rest) = tail.split_at(len);
		}
		if !rest.is_empty() {
			return None;
		}
		let point = |i: usize| -> Option<&'a Point> {
			let point: &Point = fields[i].try_into().ok()?;
			matches!(point[0], 2 | 3).then_some(point)
		};
		let scalar = |bytes: &[u8]| -> Option<Scalar> {
			Option::from(Scalar::from_repr(*FieldBytes::from_slice(bytes)))
		};
		let (r, s) = (scalar(&fields[9][..32])?, scalar(&fields[9][32..])?);
		if bool::from(r.is_zero() | s.is_zero()) {
			return None;
		}
		Some(Self {
			e1: point(0)?,
			v1: point(1)?,
			kfrag_id: fields[2],
			precursor: point(3)?,
			e2: point(4)?,
			v2: point(5)?,
			u1: point(6)?,
			u2: point(7)?,
			z: scalar(fields[8])?,
			r,
			s,
		})
	}
}

/// Point number `index` of an encoded capsule (each point after its length byte).
fn point_at(capsule: &[u8], index: usize) -> Option<&Point> {
	capsule.get(1 + 34 * index..34 * (index + 1))?.try_into().ok()
}

/// The point, if `bytes` encodes one.
fn decompress(bytes: &Point) -> Option<AffinePoint> {
	Option::from(AffinePoint::from_bytes(bytes.into()))
}

/// Whether the key fragment's ECDSA signature `(r, s)` over its id, `u1`, the precursor and
/// the two keys is `verifying`'s, as k256 checks it: `s` in the lower half, and
/// `x(m/s·G + r/s·Q) mod n = r` for the message's SHA-256 `m`.
fn key_frag_signed(
	f: &Fields,
	verifying: &PublicKeyBytes,
	delegating: &PublicKeyBytes,
	receiving: &PublicKeyBytes,
) -> bool {
	if bool::from(f.s.is_high()) {
		return false;
	}
	// The id, u1, the precursor, then each key after a 1 that says it is there.
	let mut message = [0u8; 32 + 2 * 33 + 2 * 34];
	let parts: [&[u8]; 7] = [f.kfrag_id, f.u1, f.precursor, &[1], delegating, &[1], receiving];
	let mut at = 0;
	for part in parts {
		message[at..at + part.len()].copy_from_slice(part);
		at += part.len();
	}
	let m = <Scalar as Reduce<U256>>::reduce_bytes(&sp_io::hashing::sha2_256(&message).into());
	let Some(s_inv) = Option::<Scalar>::from(f.s.invert_vartime()) else { return false };
	times_plus_g(verifying, &(f.r * s_inv), &(m * s_inv))
		.is_some_and(|point| <Scalar as Reduce<U256>>::reduce_bytes(&point.x()) == f.r)
}

/// `a·P + b·G` for the point `P` that `point` encodes and `a ≠ 0`, computed by the host (see
/// the module's documentation); `None` if `point` is not a point or the result is the point
/// at infinity.
fn times_plus_g(point: &Point, a: &Scalar, b: &Scalar) -> Option<AffinePoint> {
	let (point, b) = if point[1..] == ORDER {
		(&X_IS_ORDER_PLUS_G[usize::from(point[0] & 1)], b - a)
	} else {
		(point, *b)
	};
	let x = FieldBytes::from_slice(&point[1..]);
	let r = <Scalar as Reduce<U256>>::reduce_bytes(x);
	let x_wrapped: CtOption<Scalar> = Scalar::from_repr(*x);
	let mut signature = [0u8; 65];
	signature[..32].copy_from_slice(&r.to_bytes());
	signature[32..64].copy_from_slice(&(a * &r).to_bytes());
	signature[64] = (point[0] & 1) | (u8::from(bool::from(x_wrapped.is_none())) << 1);
	let message: [u8; 32] = (-(b * r)).to_bytes().into();
	let xy = sp_io::crypto::secp256k1_ecdsa_recover(&signature, &message).ok()?;
	Option::from(AffinePoint::from_encoded_point(&EncodedPoint::from_untagged_bytes(&xy.into())))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::pre::{decode_capsule_frag, encode_capsule, encode_capsule_frag};
	use k256::elliptic_curve::{bigint::Encoding, Field};
	use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
	use umbral_pre::{Capsule, CapsuleFrag, CapsuleFragVerificationError, PublicKey};

	fn compressed(point: &ProjectivePoint) -> Point {
		point.to_affine().to_bytes().into()
	}

	/// The points with x-coordinate `n`, and the first point with `n < x < p`.
	fn edge_points() -> ([AffinePoint; 2], AffinePoint) {
		let at_order = [2u8, 3].map(|parity| {
			let mut bytes = [parity; 33];
			bytes[1..].copy_from_slice(&ORDER);
			decompress(&bytes).expect("x = n is on the curve")
		});
		let mut x = U256::from_be_slice(&ORDER);
		let above = loop {
			x = x.wrapping_add(&U256::ONE);
			let mut bytes = [3u8; 33];
			bytes[1..].copy_from_slice(&x.to_be_bytes());
			if let Some(point) = decompress(&bytes) {
				break point;
			}
		};
		(at_order, above)
	}

	#[test]
	fn constants_are_what_they_say() {
		let params = postcard::to_allocvec(&umbral_pre::Parameters::new()).unwrap();
		assert_eq!(params[1..], POINT_U);
		assert_eq!(
			U256::from_be_slice(&ORDER),
			<k256::Secp256k1 as k256::elliptic_curve::Curve>::ORDER
		);
		let (at_order, _) = edge_points();
		for (point, plus_g) in at_order.iter().zip(&X_IS_ORDER_PLUS_G) {
			assert_eq!(point.x(), FieldBytes::from(ORDER));
			let sum = ProjectivePoint::from(*point) + ProjectivePoint::GENERATOR;
			assert_eq!(&compressed(&sum), plus_g);
			assert_ne!(plus_g[1..], ORDER);
		}
	}

	/// The host's `a·P + b·G` equals k256's, for ordinary points, the points with x = n
	/// (given to the host as `P + G`) and a point with x > n (recovery id with bit 1 set).
	#[test]
	fn host_linear_combination_is_k256s() {
		let mut rng = ChaCha20Rng::from_seed([1; 32]);
		let (at_order, above) = edge_points();
		let mut points: alloc::vec::Vec<ProjectivePoint> =
			(0..6).map(|_| ProjectivePoint::GENERATOR * Scalar::random(&mut rng)).collect();
		points.extend(
			at_order.iter().chain([&above]).flat_map(|p| [(*p).into(), -ProjectivePoint::from(*p)]),
		);
		for point in points {
			for b in [Scalar::ZERO, Scalar::random(&mut rng)] {
				let a = Scalar::random(&mut rng);
				let expected = point * a + ProjectivePoint::GENERATOR * b;
				let got = times_plus_g(&compressed(&point), &a, &b).expect("a point");
				assert_eq!(ProjectivePoint::from(got), expected);
			}
		}
	}

	/// What the host refuses: an x with no point, an x that is not a field element, and a
	/// result at infinity.
	#[test]
	fn host_linear_combination_refuses() {
		let one = Scalar::ONE;
		let mut not_on_curve = [2u8; 33];
		not_on_curve[32] = 5; // x = 5: 5³ + 7 is not a square mod p
		assert!(decompress(&not_on_curve).is_none());
		assert_eq!(times_plus_g(&not_on_curve, &one, &Scalar::ZERO), None);
		let mut x_zero = [2u8; 33];
		x_zero[1..].fill(0);
		assert!(decompress(&x_zero).is_none());
		assert_eq!(times_plus_g(&x_zero, &one, &Scalar::ZERO), None);
		let beyond_p = [3u8; 33].map(|b| if b == 3 { 0xff } else { b });
		let mut beyond_p = beyond_p;
		beyond_p[0] = 2;
		assert!(decompress(&beyond_p).is_none());
		assert_eq!(times_plus_g(&beyond_p, &one, &Scalar::ZERO), None);
		// 1·P + (−1)·G with P = G.
		let g = compressed(&ProjectivePoint::GENERATOR);
		assert_eq!(times_plus_g(&g, &one, &-one), None);
	}

	struct Flow {
		capsule: Capsule,
		verifying: PublicKey,
		delegating: PublicKey,
		receiving: PublicKey,
		fragments: alloc::vec::Vec<alloc::vec::Vec<u8>>,
	}

	fn flow(seed: u8, shares: usize) -> Flow {
		let f = super::super::tests::flow(seed, shares, shares);
		Flow {
			capsule: f.capsule,
			verifying: f.verifying,
			delegating: f.delegating.public_key(),
			receiving: f.receiving.public_key(),
			fragments: f.cfrags.iter().map(encode_capsule_frag).collect(),
		}
	}

	impl Flow {
		/// umbral-pre's decision on `bytes`.
		fn umbral(&self, bytes: &[u8]) -> Result<(), FragmentError> {
			let cfrag: CapsuleFrag = decode_capsule_frag(bytes).ok_or(FragmentError::Malformed)?;
			cfrag
				.verify(&self.capsule, &self.verifying, &self.delegating, &self.receiving)
				.map(|_| ())
				.map_err(|(error, _)| match error {
					CapsuleFragVerificationError::IncorrectKeyFragSignature => {
						FragmentError::IncorrectKeyFragSignature
					},
					CapsuleFragVerificationError::IncorrectReencryption => {
						FragmentError::IncorrectReencryption
					},
				})
		}

		/// The runtime's decision on `bytes`, asserted to be umbral-pre's.
		fn check(&self, bytes: &[u8]) -> Result<(), FragmentError> {
			let key = |k: &PublicKey| crate::pre::encode_public_key(k);
			let ours = verify_fragment(
				bytes,
				&encode_capsule(&self.capsule),
				&key(&self.verifying),
				&key(&self.delegating),
				&key(&self.receiving),
			);
			assert_eq!(ours, self.umbral(bytes), "fragment {}", hex_string(bytes));
			ours
		}
	}

	fn hex_string(bytes: &[u8]) -> alloc::string::String {
		bytes.iter().map(|b| alloc::format!("{b:02x}")).collect()
	}

	#[test]
	fn genuine_fragments_verify() {
		for seed in 0..8 {
			let f = flow(seed, 3);
			for fragment in &f.fragments {
				assert_eq!(f.check(fragment), Ok(()));
			}
		}
	}

	/// Every byte of a fragment flipped in turn: the same decision as umbral-pre's, and never
	/// an acceptance.
	#[test]
	fn every_flipped_byte_is_decided_as_umbral_decides() {
		let f = flow(20, 1);
		for at in 0..f.fragments[0].len() {
			for flip in [0x01, 0x80] {
				let mut bytes = f.fragments[0].clone();
				bytes[at] ^= flip;
				assert!(f.check(&bytes).is_err(), "byte {at} ^ {flip:#x} accepted");
			}
		}
	}

	/// Fields replaced by well-formed values that are wrong, one path of the check each.
	#[test]
	fn wrong_fields_are_refused_for_their_reason() {
		use FragmentError::*;
		let f = flow(21, 2);
		let (one, two) = (&f.fragments[0], &f.fragments[1]);
		let with = |at: core::ops::Range<usize>, value: &[u8]| {
			let mut bytes = one.clone();
			bytes[at].copy_from_slice(value);
			bytes
		};
		let (at_order, above) = edge_points();
		let other_point = compressed(&(ProjectivePoint::GENERATOR * Scalar::from(7u64)));
		// e1, v1, e2, v2, u2 and the proof's scalar of another fragment, or another point:
		// the proof fails.
		for field in [1..34, 35..68, 136..169, 170..203, 238..271, 272..304] {
			assert_eq!(
				f.check(&with(field.clone(), &two[field.clone()])),
				Err(IncorrectReencryption)
			);
			if field.len() == 33 {
				assert_eq!(f.check(&with(field.clone(), &other_point)), Err(IncorrectReencryption));
				for edge in at_order.iter().chain([&above]) {
					let edge = compressed(&(*edge).into());
					assert_eq!(f.check(&with(field.clone(), &edge)), Err(IncorrectReencryption));
				}
			}
		}
		// A zero proof scalar.
		assert_eq!(f.check(&with(272..304, &[0; 32])), Err(IncorrectReencryption));
		// The key fragment's id, commitment and precursor are signed (both fragments are of
		// one set: one precursor).
		for field in [69..101, 204..237] {
			assert_eq!(
				f.check(&with(field.clone(), &two[field.clone()])),
				Err(IncorrectKeyFragSignature)
			);
		}
		assert_eq!(f.check(&with(102..135, &other_point)), Err(IncorrectKeyFragSignature));
		// The signature in its high form (s → n − s) is refused, as k256 refuses it.
		let s = Scalar::from_repr(*FieldBytes::from_slice(&one[337..369])).unwrap();
		assert_eq!(f.check(&with(337..369, &(-s).to_bytes())), Err(IncorrectKeyFragSignature));
		// Scalars out of range, a zero signature scalar, a point's x beyond p.
		assert_eq!(f.check(&with(272..304, &ORDER)), Err(Malformed));
		assert_eq!(f.check(&with(305..337, &[0; 32])), Err(Malformed));
		assert_eq!(f.check(&with(337..369, &ORDER)), Err(Malformed));
		assert_eq!(f.check(&with(2..34, &[0xff; 32])), Err(Malformed));
		// Lengths.
		assert_eq!(f.check(&one[..one.len() - 1]), Err(Malformed));
		assert_eq!(f.check(&[&one[..], &[0]].concat()), Err(Malformed));
		assert_eq!(f.check(&[]), Err(Malformed));
		// For another receiver, the key fragment's signature does not match.
		let one = one.clone();
		let other = Flow { receiving: flow(22, 1).receiving, ..f };
		assert_eq!(other.check(&one), Err(IncorrectKeyFragSignature));
	}

	/// Made with the JavaScript bindings (`@nucypher/umbral-pre` 0.10.0 from npm): the vector
	/// of `super::super::tests`, verified here and by umbral-pre alike.
	#[test]
	fn a_fragment_from_the_javascript_bindings_verifies() {
		use crate::pre::{decode_capsule, decode_public_key, simple_to_wire};
		let key = |bytes: [u8; 33]| decode_public_key(&bytes).unwrap();
		let capsule = simple_to_wire(&hex!("022be9b9a2c1b1d2934c714e75984e96fd0f66f017b8dec2b284bdee4be841ea1f03639883868326e27e97b482608848d93b9ad9e0efee0260efba83255876521da30588cada3d5cbd8902246e22eef7ff0c634660162eaf0214d9ef2c00ffcd1a22")).unwrap();
		let fragment = simple_to_wire(&hex!("02cb086fd0ef66494a032255ee11de56137694c930c42714eefa1096aac6eaf2450215e649bea2ea4a101603734edc59330b3152d2a62d2d6419780a7ea4381ca9fb5e11355e03f06cd208e87ea472e7c9f672ae19f501b13c13372ddadfd87acd4e027e5922b3478f2c4d1a86906a65a6d94424e6f2bf38d3e2431c8a7ac76080b13602b88ee3a8c4a767f03a8ab33b8c63cd71a9bea14b585ba3853c5cf04d5d0bac5502eada8ee4bef5fc5a031e65e8a62878d2998e239dff47d921bb1f5189ff28ccd00230492c3ea4f27702903bb526f2e1ce68befc8b01f65d42f58b3d4b336c5cbbfb02de8b749da8001f7cddf316da23217d4b67f0d527700bff0c1466c9226884b5f98a96c066edcb7ac708d57b4b03f02f7ddbf049c9e186f852252a885caeaf472609c37a696f8aa540ab59468c998452ea7e4dd75f539534b77ee991eac199bf4d097ef83fcff481ef58131208e65a9a5f4353870afb831142d252f632a69b888f")).unwrap();
		let f = Flow {
			capsule: decode_capsule(&capsule).unwrap(),
			verifying: key(hex!(
				"03588fff323d82c0e4f2ca55e312b6c6b739bcf8bdc00990809c3f06cc3dc6d7b5"
			)),
			delegating: key(hex!(
				"03a28db3fbf36c7e9ef9bf5a7faab903657a62dbcb21452c08bdef41c29eca216b"
			)),
			receiving: key(hex!(
				"036a5e5145dc36b60df3b7d6602092cd9807fc876c3f3f5aed56cbca8dd3675d5c"
			)),
			fragments: alloc::vec![],
		};
		assert_eq!(f.check(&fragment), Ok(()));
	}

	proptest::proptest! {
		/// Random bytes written over a fragment: the same decision as umbral-pre's.
		#[test]
		fn overwritten_fragments_are_decided_as_umbral_decides(
			seed in 30u8..34,
			writes in proptest::collection::vec((0usize..369, proptest::num::u8::ANY), 1..4),
		) {
			let f = flow(seed, 1);
			let mut bytes = f.fragments[0].clone();
			for (at, value) in writes {
				bytes[at] = value;
			}
			let _ = f.check(&bytes);
		}
	}
}
