//! Aggregates: exponential ElGamal over Ristretto (`elastic-elgamal` 0.3), the proofs the
//! runtime checks and the byte formats clients produce.
//!
//! A campaign's committee makes a joint key by the committed Pedersen key generation of
//! [`elastic_elgamal::dkg`], with the chain as its bulletin board: each member deals its own
//! polynomial ([`elastic_elgamal::sharing::Dealer`]) and commits to its public key share, then
//! publishes its public polynomial with a proof of possession and its secret shares for the
//! others, each sealed for the recipient ([`client::seal_share`]); the chain adds the
//! polynomials up. The sum's value at zero is the shared key, its value at `i + 1` member `i`'s
//! share key, which the member proves it holds once it has added up the shares it opened.
//! Nobody ever holds the shared secret key.
//!
//! A device's reading `v` is encrypted for the shared key as `(rG, vG + rK)` with a proof that
//! `v` lies in `0..=max_value` ([`RangeProof`]) whose transcript is bound to the campaign, the
//! window and the device, so a proof cannot be moved to another context. The chain adds the
//! ciphertexts of a window. To decrypt only that sum, `threshold` members each publish
//! `x_i·R` with a proof of equal discrete logarithms (`x_i·G` is their share key), the chain
//! combines `threshold` of them into `x·R` by Lagrange interpolation, and accepts a claimed
//! total `t` only if `B − x·R = t·G`: one multiplication, no discrete logarithm on chain.
//!
//! Everything the chain verifies needs no randomness: the proofs are Fiat-Shamir proofs over
//! Merlin transcripts. [`verify_participant_key`] and [`verify_decryption_share`] rebuild the
//! transcripts of `PublicKeySet::verify_participant` and `PublicKeySet::verify_share` from the
//! stored keys, without rebuilding the key set; the tests check they decide as the library.

use alloc::vec::Vec;
use codec::Encode;
pub use elastic_elgamal;
use elastic_elgamal::{
	group::{ElementOps, Group, Ristretto, ScalarOps},
	sharing::Params,
	CandidateDecryption, Ciphertext, LogEqualityProof, PreparedRange, ProofOfPossession, PublicKey,
	RangeDecomposition, RangeProof,
};
use merlin::Transcript;
use sp_core::H256;

use crate::device::DeviceId;

/// A Ristretto point, compressed.
pub type ElementBytes = [u8; 32];
/// A ciphertext: its random element `rG`, then its blinded element `vG + rK`.
pub type CiphertextBytes = [u8; 64];
/// A decryption share's proof of equal discrete logarithms: challenge and response scalars.
pub type ShareProofBytes = [u8; 64];
/// A complaint's proof that its Diffie-Hellman point is the accuser's and the dealer's: equal
/// discrete logarithms, challenge and response scalars.
pub type ComplaintProofBytes = [u8; 64];

/// Largest value a campaign may ask for, `2^18 − 1`. Range proofs grow with the logarithm of
/// the range: at this bound a proof is [`MAX_RANGE_PROOF_LEN`] bytes at most, and its
/// verification in the runtime about 17 ms (`docs/benchmarks.md`).
pub const MAX_VALUE: u64 = (1 << MAX_VALUE_BITS) - 1;
/// Bits of [`MAX_VALUE`]: a range proof's size, and the time to verify it, grow with the bits
/// of the range's maximum.
pub const MAX_VALUE_BITS: u32 = 18;

/// Bits of `max_value`, at least 1.
pub fn value_bits(max_value: u64) -> u32 {
	(u64::BITS - max_value.leading_zeros()).max(1)
}

/// Longest encoded range proof for a range up to [`MAX_VALUE`] (tested).
pub const MAX_RANGE_PROOF_LEN: u32 = 4096;
/// Most members a committee may have.
pub const MAX_COMMITTEE: u32 = 16;
/// Longest encoded proof of possession: of a polynomial of [`MAX_COMMITTEE`] coefficients.
pub const MAX_POSSESSION_PROOF_LEN: u32 = 35 * (MAX_COMMITTEE + 1);

/// Domain tag of the bytes a device signs for a contribution.
pub const CONTRIBUTION_TAG: &[u8; 20] = b"cpchain/aggregate/c1";

/// The identity element: the sum of no ciphertexts is `(O, O)`.
pub const ZERO_CIPHERTEXT: CiphertextBytes = [0; 64];

/// Why a contribution is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ContributionError {
	/// The ciphertext is not two Ristretto points.
	MalformedCiphertext,
	/// The range proof does not decode.
	MalformedProof,
	/// The range proof does not prove that this ciphertext, in this context, encrypts a value
	/// in range.
	InvalidProof,
}

/// Why a step of the key generation or a decryption share is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum KeyError {
	/// A point is not a Ristretto point.
	MalformedElement,
	/// A proof does not decode.
	MalformedProof,
	/// A proof does not verify.
	InvalidProof,
	/// A polynomial has not `threshold` coefficients, or an index is out of the committee.
	WrongLength,
	/// The polynomial's first coefficient does not open the member's commitment.
	CommitmentMismatch,
}

fn element(bytes: &ElementBytes) -> Result<<Ristretto as ElementOps>::Element, KeyError> {
	Ristretto::deserialize_element(bytes).ok_or(KeyError::MalformedElement)
}

fn element_bytes(element: &<Ristretto as ElementOps>::Element) -> ElementBytes {
	let mut bytes = [0; 32];
	Ristretto::serialize_element(element, &mut bytes);
	bytes
}

/// Whether `bytes` is a Ristretto point (a key clients can encrypt to).
pub fn is_element(bytes: &ElementBytes) -> bool {
	element(bytes).is_ok()
}

/// Decodes a ciphertext. Its elements are serialized as postcard byte strings (a length byte,
/// 32 bytes) by elastic-elgamal's serde support, the only way to build one from its elements.
pub fn decode_ciphertext(bytes: &CiphertextBytes) -> Option<Ciphertext<Ristretto>> {
	let mut wire = [0u8; 66];
	wire[0] = 32;
	wire[1..33].copy_from_slice(&bytes[..32]);
	wire[33] = 32;
	wire[34..].copy_from_slice(&bytes[32..]);
	postcard::from_bytes(&wire).ok()
}

/// Encodes a ciphertext as its two compressed elements.
pub fn encode_ciphertext(ciphertext: Ciphertext<Ristretto>) -> CiphertextBytes {
	let mut bytes = [0; 64];
	bytes.copy_from_slice(&ciphertext.to_bytes());
	bytes
}

/// `a + b`, the ciphertext of the sum of their values, if both decode.
pub fn add_ciphertexts(a: &CiphertextBytes, b: &CiphertextBytes) -> Option<CiphertextBytes> {
	Some(encode_ciphertext(decode_ciphertext(a)? + decode_ciphertext(b)?))
}

/// Decodes a postcard encoding that must use every byte (one encoding per value).
macro_rules! decode_exact {
	($bytes:expr) => {
		match postcard::take_from_bytes($bytes) {
			Ok((value, [])) => Some(value),
			_ => None,
		}
	};
}

/// The range `0..=max_value`, decomposed as elastic-elgamal's proofs expect.
pub fn prepared_range(max_value: u64) -> PreparedRange<Ristretto> {
	RangeDecomposition::optimal(max_value.max(1) + 1).into()
}

/// The transcript a contribution's range proof is made and checked in: bound to the campaign,
/// the window and the device.
pub fn contribution_transcript(campaign: u64, window: u32, device: &DeviceId) -> Transcript {
	let mut transcript = Transcript::new(b"cpchain-aggregate-contribution");
	transcript.append_u64(b"campaign", campaign);
	transcript.append_u64(b"window", window.into());
	transcript.append_message(b"device", device.as_bytes());
	transcript
}

/// Checks that `ciphertext` encrypts, for `key`, a value in `range` (of `prepared_range`), with
/// `proof` made in [`contribution_transcript`] for this campaign, window and device.
pub fn verify_contribution(
	key: &PublicKey<Ristretto>,
	range: &PreparedRange<Ristretto>,
	campaign: u64,
	window: u32,
	device: &DeviceId,
	ciphertext: &CiphertextBytes,
	proof: &[u8],
) -> Result<(), ContributionError> {
	let ciphertext = decode_ciphertext(ciphertext).ok_or(ContributionError::MalformedCiphertext)?;
	let proof: RangeProof<Ristretto> =
		serde_json::from_slice(proof).map_err(|_| ContributionError::MalformedProof)?;
	let mut transcript = contribution_transcript(campaign, window, device);
	proof
		.verify(key, range, ciphertext, &mut transcript)
		.map_err(|_| ContributionError::InvalidProof)
}

/// Decodes a stored public key.
pub fn public_key(bytes: &ElementBytes) -> Result<PublicKey<Ristretto>, KeyError> {
	PublicKey::from_bytes(bytes).map_err(|_| KeyError::MalformedElement)
}

/// The bytes a device signs to contribute `ciphertext` to `window` of `campaign` on chain
/// `genesis`: the SCALE encoding of `(CONTRIBUTION_TAG, genesis, campaign, window, device,
/// ciphertext)`.
pub fn contribution_payload(
	genesis: &H256,
	campaign: u64,
	window: u32,
	device: &DeviceId,
	ciphertext: &CiphertextBytes,
) -> Vec<u8> {
	(CONTRIBUTION_TAG, genesis, campaign, window, device, ciphertext).encode()
}

/// The committee's scheme parameters, if `threshold` of `members` is a valid scheme.
pub fn params(members: u32, threshold: u32) -> Option<Params> {
	(1..=members).contains(&threshold).then(|| Params::new(members as usize, threshold as usize))
}

/// The commitment a member publishes first: SHA-256 of its polynomial's first coefficient and
/// a random opening, as elastic-elgamal's key generation makes it.
pub fn key_commitment(first_coefficient: &ElementBytes, opening: &[u8; 32]) -> [u8; 32] {
	sp_io::hashing::sha2_256(&[&first_coefficient[..], &opening[..]].concat())
}

/// Checks a member's public polynomial against its commitment and its proof of possession
/// (`PublicKeySet::new` of elastic-elgamal's key generation).
pub fn verify_polynomial(
	params: Params,
	commitment: &[u8; 32],
	polynomial: &[ElementBytes],
	opening: &[u8; 32],
	proof: &[u8],
) -> Result<(), KeyError> {
	if polynomial.len() != params.threshold {
		return Err(KeyError::WrongLength);
	}
	if key_commitment(&polynomial[0], opening) != *commitment {
		return Err(KeyError::CommitmentMismatch);
	}
	let coefficients = polynomial.iter().map(element).collect::<Result<Vec<_>, _>>()?;
	let proof: ProofOfPossession<Ristretto> =
		decode_exact!(proof).ok_or(KeyError::MalformedProof)?;
	elastic_elgamal::sharing::PublicKeySet::new(params, coefficients, &proof)
		.map(|_| ())
		.map_err(|_| KeyError::InvalidProof)
}

/// Adds `polynomial` into `sum`, coefficient by coefficient.
pub fn add_polynomial(
	sum: &mut [ElementBytes],
	polynomial: &[ElementBytes],
) -> Result<(), KeyError> {
	if sum.len() != polynomial.len() {
		return Err(KeyError::WrongLength);
	}
	for (acc, coefficient) in sum.iter_mut().zip(polynomial) {
		*acc = element_bytes(&(element(acc)? + element(coefficient)?));
	}
	Ok(())
}

/// The joint key of the summed polynomial: its value at 0, and each member `i`'s share key, its
/// value at `i + 1`.
pub fn joint_keys(
	members: u32,
	sum: &[ElementBytes],
) -> Result<(ElementBytes, Vec<ElementBytes>), KeyError> {
	let coefficients = sum.iter().map(element).collect::<Result<Vec<_>, _>>()?;
	let shared = *sum.first().ok_or(KeyError::WrongLength)?;
	let shares = (0..members).map(|i| element_bytes(&evaluate(&coefficients, i))).collect();
	Ok((shared, shares))
}

/// A public polynomial's value at member `index`'s point, `index + 1`.
fn evaluate(
	coefficients: &[<Ristretto as ElementOps>::Element],
	index: u32,
) -> <Ristretto as ElementOps>::Element {
	let x = <Ristretto as ScalarOps>::Scalar::from(u64::from(index) + 1);
	let powers: Vec<_> =
		core::iter::successors(Some(<Ristretto as ScalarOps>::Scalar::from(1u64)), |p| {
			Some(*p * x)
		})
		.take(coefficients.len())
		.collect();
	Ristretto::vartime_multi_mul(&powers, coefficients.iter().copied())
}

/// Seals or opens a secret share `from` one member `to` another: XOR with a pad hashed from
/// their Diffie-Hellman point and the context.
fn xor_pad(
	dh: &<Ristretto as ElementOps>::Element,
	campaign: u64,
	from: u32,
	to: u32,
	bytes: &[u8; 32],
) -> [u8; 32] {
	let pad = sp_io::hashing::blake2_256(
		&(b"cpchain/aggregate/share", element_bytes(dh), campaign, from, to).encode(),
	);
	core::array::from_fn(|i| bytes[i] ^ pad[i])
}

/// The transcript of a complaint by member `accuser` against the shares member `dealer` sealed.
fn complaint_transcript(campaign: u64, dealer: u32, accuser: u32) -> Transcript {
	let mut transcript = Transcript::new(b"cpchain/aggregate/complaint");
	transcript.append_u64(b"campaign", campaign);
	transcript.append_u64(b"dealer", dealer.into());
	transcript.append_u64(b"accuser", accuser.into());
	transcript
}

/// Decides a complaint of member `accuser` that the share member `dealer` sealed for it
/// (`sealed`) does not match the dealer's public `polynomial`. The accuser reveals their
/// Diffie-Hellman point `dh` with a proof that its discrete logarithm to the dealer's
/// transport key is the one of the accuser's transport key to `G`, so the chain opens the share
/// without learning any transport secret, and the dealer's other shares stay sealed. `Ok(true)`:
/// the share is wrong (or not a scalar at all), the dealer cheated; `Ok(false)`: the share is
/// right; an error: the proof or a key does not hold.
#[allow(clippy::too_many_arguments)]
pub fn check_complaint(
	campaign: u64,
	dealer: u32,
	accuser: u32,
	dealer_transport: &ElementBytes,
	accuser_transport: &ElementBytes,
	polynomial: &[ElementBytes],
	sealed: &[u8; 32],
	dh: &ElementBytes,
	proof: &ComplaintProofBytes,
) -> Result<bool, KeyError> {
	let base = public_key(dealer_transport)?;
	let accuser_key = element(accuser_transport)?;
	let dh = element(dh)?;
	let proof = LogEqualityProof::<Ristretto>::from_bytes(proof).ok_or(KeyError::MalformedProof)?;
	proof
		.verify(&base, (accuser_key, dh), &mut complaint_transcript(campaign, dealer, accuser))
		.map_err(|_| KeyError::InvalidProof)?;
	let coefficients = polynomial.iter().map(element).collect::<Result<Vec<_>, _>>()?;
	let share = xor_pad(&dh, campaign, dealer, accuser, sealed);
	Ok(match Ristretto::deserialize_scalar(&share) {
		Some(share) => Ristretto::vartime_mul_generator(&share) != evaluate(&coefficients, accuser),
		None => true,
	})
}

/// What `PublicKeySet::commit` appends: the scheme and the shared key.
fn key_set_transcript(
	label: &'static [u8],
	params: Params,
	shared: &ElementBytes,
	index: u32,
) -> Transcript {
	let mut transcript = Transcript::new(label);
	transcript.append_u64(b"n", params.shares as u64);
	transcript.append_u64(b"t", params.threshold as u64);
	transcript.append_message(b"K", shared);
	transcript.append_u64(b"i", index.into());
	transcript
}

/// Checks member `index`'s proof that it holds the secret of its share key `share_key`
/// (`PublicKeySet::verify_participant`).
pub fn verify_participant_key(
	params: Params,
	shared: &ElementBytes,
	index: u32,
	share_key: &ElementBytes,
	proof: &[u8],
) -> Result<(), KeyError> {
	let key = public_key(share_key)?;
	let proof: ProofOfPossession<Ristretto> =
		decode_exact!(proof).ok_or(KeyError::MalformedProof)?;
	let mut transcript = key_set_transcript(b"elgamal_participant_pop", params, shared, index);
	proof.verify(core::iter::once(&key), &mut transcript).map_err(|_| KeyError::InvalidProof)
}

/// Checks member `index`'s decryption share of `ciphertext` (`x_i·R`, with a proof that its
/// discrete logarithm to `R` is the one of its share key to `G`), as
/// `PublicKeySet::verify_share` does.
pub fn verify_decryption_share(
	params: Params,
	shared: &ElementBytes,
	index: u32,
	share_key: &ElementBytes,
	ciphertext: &CiphertextBytes,
	share: &ElementBytes,
	proof: &ShareProofBytes,
) -> Result<(), KeyError> {
	let key = element(share_key)?;
	// The log base is the sum's random element `R`, never the identity for a sum of honest
	// contributions (`PublicKey` refuses it).
	let base = public_key(ciphertext[..32].try_into().expect("32 bytes"))?;
	let share = element(share)?;
	let proof = LogEqualityProof::<Ristretto>::from_bytes(proof).ok_or(KeyError::MalformedProof)?;
	let mut transcript = key_set_transcript(b"elgamal_decryption_share", params, shared, index);
	proof.verify(&base, (key, share), &mut transcript).map_err(|_| KeyError::InvalidProof)
}

/// Whether `total` is the value `ciphertext` encrypts, given verified decryption shares of at
/// least `params.threshold` members (`(index, share)`): the shares are combined into `x·R`, and
/// `B − x·R` must be `total·G`.
pub fn check_total(
	params: Params,
	ciphertext: &CiphertextBytes,
	shares: &[(u32, ElementBytes)],
	total: u64,
) -> Result<bool, KeyError> {
	let ciphertext = decode_ciphertext(ciphertext).ok_or(KeyError::MalformedElement)?;
	if shares.len() < params.threshold || shares.iter().any(|(i, _)| *i as usize >= params.shares) {
		return Err(KeyError::WrongLength);
	}
	let shares = shares
		.iter()
		.map(|(i, share)| {
			let share = CandidateDecryption::<Ristretto>::from_bytes(share)
				.ok_or(KeyError::MalformedElement)?;
			Ok((*i as usize, share.into_unchecked()))
		})
		.collect::<Result<Vec<_>, KeyError>>()?;
	let combined = params.combine_shares(shares).ok_or(KeyError::WrongLength)?;
	let claimed = Ristretto::vartime_mul_generator(&total.into());
	Ok(combined.decrypt_to_element(ciphertext) == claimed)
}

/// The clients' side: encrypting contributions, taking part in a committee, finding totals.
/// Also built without `std`, for the runtime's benchmarks.
pub mod client {
	use super::*;
	use alloc::collections::BTreeMap;
	use elastic_elgamal::{
		sharing::{ActiveParticipant, Dealer, PublicKeySet},
		CiphertextWithValue, Keypair,
	};
	use k256::elliptic_curve::rand_core::{CryptoRng, RngCore};

	/// Encrypts `value` for `key` with a range proof for `0..=max_value` bound to the campaign,
	/// window and device: the ciphertext and the encoded proof a contribution carries.
	///
	/// # Panics
	///
	/// If `value > max_value`.
	pub fn encrypt_contribution<R: CryptoRng + RngCore>(
		key: &PublicKey<Ristretto>,
		max_value: u64,
		campaign: u64,
		window: u32,
		device: &DeviceId,
		value: u64,
		rng: &mut R,
	) -> (CiphertextBytes, Vec<u8>) {
		assert!(value <= max_value, "value {value} above the campaign's maximum {max_value}");
		let range = prepared_range(max_value);
		let ciphertext = CiphertextWithValue::new(value, key, rng);
		let mut transcript = contribution_transcript(campaign, window, device);
		let proof = RangeProof::from_ciphertext(key, &range, &ciphertext, &mut transcript, rng);
		let ciphertext: Ciphertext<Ristretto> = ciphertext.into();
		(encode_ciphertext(ciphertext), serde_json::to_vec(&proof).expect("encodes"))
	}

	/// The discrete logarithm of `element` to the base `G` if it is at most `max`, by baby
	/// steps and giant steps: about `2·sqrt(max)` additions and a table of `sqrt(max)` points.
	pub fn discrete_log(element: &ElementBytes, max: u64) -> Option<u64> {
		let target = super::element(element).ok()?;
		let m = max.saturating_add(1).isqrt() + 1;
		let g = Ristretto::generator();
		let mut baby = BTreeMap::new();
		let mut point = Ristretto::identity();
		for j in 0..m {
			baby.entry(element_bytes(&point)).or_insert(j);
			point += g;
		}
		// `point` is now m·G.
		let mut giant = target;
		for i in 0..=m {
			if let Some(j) = baby.get(&element_bytes(&giant)) {
				let value = i * m + j;
				return (value <= max).then_some(value);
			}
			giant -= point;
		}
		None
	}

	/// The element a ciphertext's sum decrypts to with the combined shares, for
	/// [`discrete_log`]: `B − x·R`.
	pub fn decrypted_element(
		params: Params,
		ciphertext: &CiphertextBytes,
		shares: &[(u32, ElementBytes)],
	) -> Option<ElementBytes> {
		let ciphertext = decode_ciphertext(ciphertext)?;
		let shares = shares
			.iter()
			.map(|(i, share)| {
				Some((
					*i as usize,
					CandidateDecryption::<Ristretto>::from_bytes(share)?.into_unchecked(),
				))
			})
			.collect::<Option<Vec<_>>>()?;
		let combined = params.combine_shares(shares)?;
		Some(element_bytes(&combined.decrypt_to_element(ciphertext)))
	}

	/// Seals a member's secret share for another member: XOR with a pad hashed from their
	/// Diffie-Hellman point (`sender`'s transport secret, `recipient`'s transport key) and the
	/// context. The chain stores sealed shares and never reads them.
	pub fn seal_share(
		sender: &Keypair<Ristretto>,
		recipient: &ElementBytes,
		campaign: u64,
		from: u32,
		to: u32,
		share: &[u8; 32],
	) -> Option<[u8; 32]> {
		let dh = super::element(recipient).ok()? * sender.secret().expose_scalar();
		Some(xor_pad(&dh, campaign, from, to, share))
	}

	/// Opens a share sealed by [`seal_share`], with the recipient's transport secret and the
	/// sender's transport key.
	pub fn open_share(
		recipient: &Keypair<Ristretto>,
		sender: &ElementBytes,
		campaign: u64,
		from: u32,
		to: u32,
		sealed: &[u8; 32],
	) -> Option<[u8; 32]> {
		let dh = super::element(sender).ok()? * recipient.secret().expose_scalar();
		Some(xor_pad(&dh, campaign, from, to, sealed))
	}

	/// A committee member's side of the key generation. It deals its own polynomial as
	/// elastic-elgamal's `sharing::Dealer`, commits as its `dkg` does, and seals its shares for
	/// the others; then it checks each share it received against its sender's polynomial and
	/// adds them up into its secret share of the joint key.
	#[derive(Clone, Debug)]
	pub struct KeyMember {
		/// Its index in the committee.
		pub index: u32,
		dealer: Dealer<Ristretto>,
		opening: [u8; 32],
		transport: Keypair<Ristretto>,
	}

	/// What a member publishes in the key generation's second step.
	pub struct Publication {
		/// Its public polynomial's coefficients, lowest first.
		pub polynomial: Vec<ElementBytes>,
		/// The opening of its commitment.
		pub opening: [u8; 32],
		/// The encoded proof of possession of its secret polynomial.
		pub proof: Vec<u8>,
		/// Its secret share for each member, sealed for that member's transport key.
		pub sealed: Vec<[u8; 32]>,
	}

	impl KeyMember {
		/// A member `index` of a committee with `params`, with a fresh polynomial, opening and
		/// transport key.
		pub fn new<R: CryptoRng + RngCore>(params: Params, index: u32, rng: &mut R) -> Self {
			let mut opening = [0; 32];
			rng.fill_bytes(&mut opening);
			KeyMember {
				index,
				dealer: Dealer::new(params, rng),
				opening,
				transport: Keypair::generate(rng),
			}
		}

		/// The member's state, to keep between the steps (secret: it holds the member's
		/// polynomial).
		pub fn to_bytes(&self) -> Vec<u8> {
			let mut bytes = self.index.to_le_bytes().to_vec();
			bytes.extend_from_slice(&self.opening);
			bytes.extend_from_slice(&secret_bytes(self.transport.secret()));
			bytes.extend(postcard::to_allocvec(&self.dealer).expect("encodes"));
			bytes
		}

		/// A member's state from [`Self::to_bytes`].
		pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
			let index = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
			let opening = bytes.get(4..36)?.try_into().ok()?;
			let transport = elastic_elgamal::SecretKey::from_bytes(bytes.get(36..68)?)?.into();
			let dealer = decode_exact!(bytes.get(68..)?)?;
			Some(KeyMember { index, dealer, opening, transport })
		}

		/// Step 1: the commitment to its key share.
		pub fn commitment(&self) -> [u8; 32] {
			key_commitment(&element_bytes(&self.dealer.public_info().0[0]), &self.opening)
		}

		/// Step 1: the key the others seal its shares for.
		pub fn transport_key(&self) -> ElementBytes {
			self.transport.public().as_bytes().try_into().expect("32 bytes")
		}

		/// Step 2, once every member's transport key is known (in committee order).
		pub fn publication(
			&self,
			campaign: u64,
			transport_keys: &[ElementBytes],
		) -> Option<Publication> {
			let (polynomial, proof) = self.dealer.public_info();
			let sealed = transport_keys
				.iter()
				.enumerate()
				.map(|(j, key)| {
					let share = secret_bytes(&self.dealer.secret_share_for_participant(j));
					seal_share(&self.transport, key, campaign, self.index, j as u32, &share)
				})
				.collect::<Option<Vec<_>>>()?;
			Some(Publication {
				polynomial: polynomial.iter().map(element_bytes).collect(),
				opening: self.opening,
				proof: postcard::to_allocvec(proof).expect("encodes"),
				sealed,
			})
		}

		/// A complaint against member `dealer`, whose sealed share [`Self::activate`] refused:
		/// their Diffie-Hellman point and the proof [`check_complaint`] checks.
		pub fn complaint<R: CryptoRng + RngCore>(
			&self,
			campaign: u64,
			dealer: u32,
			dealer_transport: &ElementBytes,
			rng: &mut R,
		) -> Option<(ElementBytes, ComplaintProofBytes)> {
			let base = PublicKey::<Ristretto>::from_bytes(dealer_transport).ok()?;
			let dh = base.as_element() * self.transport.secret().expose_scalar();
			let proof = LogEqualityProof::new(
				&base,
				self.transport.secret(),
				(self.transport.public().as_element(), dh),
				&mut complaint_transcript(campaign, dealer, self.index),
				rng,
			);
			Some((element_bytes(&dh), proof.to_bytes().try_into().ok()?))
		}

		/// Step 3: opens the shares the others sealed for it (`published[j]` is member `j`'s
		/// polynomial and sealed shares, its own included), checks each against its sender's
		/// polynomial, and becomes an active participant with the chain's share keys
		/// (`share_keys`, in committee order). On a share that does not check, the sender's
		/// index is the error.
		pub fn activate(
			&self,
			params: Params,
			campaign: u64,
			transport_keys: &[ElementBytes],
			published: &[(Vec<ElementBytes>, Vec<[u8; 32]>)],
			share_keys: &[ElementBytes],
		) -> Result<ActiveParticipant<Ristretto>, u32> {
			let mut secret =
				elastic_elgamal::SecretKey::<Ristretto>::from_bytes(&[0; 32]).expect("zero");
			for (j, (polynomial, sealed)) in published.iter().enumerate() {
				let from = j as u32;
				let share = if from == self.index {
					self.dealer.secret_share_for_participant(j)
				} else {
					let sealed = sealed.get(self.index as usize).ok_or(from)?;
					let key = transport_keys.get(j).ok_or(from)?;
					let bytes =
						open_share(&self.transport, key, campaign, from, self.index, sealed)
							.ok_or(from)?;
					elastic_elgamal::SecretKey::from_bytes(&bytes).ok_or(from)?
				};
				let coefficients = polynomial
					.iter()
					.map(super::element)
					.collect::<Result<Vec<_>, _>>()
					.map_err(|_| from)?;
				if Ristretto::mul_generator(share.expose_scalar())
					!= evaluate(&coefficients, self.index)
				{
					return Err(from);
				}
				secret += share;
			}
			let keys = share_keys
				.iter()
				.map(|k| PublicKey::from_bytes(k).map_err(|_| self.index))
				.collect::<Result<Vec<_>, _>>()?;
			let key_set = PublicKeySet::from_participants(params, keys).map_err(|_| self.index)?;
			ActiveParticipant::new(key_set, self.index as usize, secret).map_err(|_| self.index)
		}
	}

	/// A committee's keys dealt by a single dealer, who knows the secret key: for tests and
	/// benchmarks only. The joint key, each member's share key, and the members.
	pub fn dealt_committee<R: CryptoRng + RngCore>(
		params: Params,
		rng: &mut R,
	) -> (ElementBytes, Vec<ElementBytes>, Vec<ActiveParticipant<Ristretto>>) {
		let dealer = Dealer::<Ristretto>::new(params, rng);
		let (polynomial, proof) = dealer.public_info();
		let key_set = PublicKeySet::new(params, polynomial, proof).expect("dealt honestly");
		let bytes = |key: &PublicKey<Ristretto>| -> ElementBytes {
			key.as_bytes().try_into().expect("32 bytes")
		};
		let shared = bytes(key_set.shared_key());
		let keys = key_set.participant_keys().iter().map(bytes).collect();
		let members = (0..params.shares)
			.map(|i| {
				ActiveParticipant::new(key_set.clone(), i, dealer.secret_share_for_participant(i))
					.expect("dealt honestly")
			})
			.collect();
		(shared, keys, members)
	}

	/// Step 3's proof that an active member holds its share key.
	pub fn possession_proof<R: CryptoRng + RngCore>(
		member: &ActiveParticipant<Ristretto>,
		rng: &mut R,
	) -> Vec<u8> {
		postcard::to_allocvec(&member.proof_of_possession(rng)).expect("encodes")
	}

	/// A member's decryption share of a window's sum, and its proof.
	pub fn decryption_share<R: CryptoRng + RngCore>(
		member: &ActiveParticipant<Ristretto>,
		sum: &CiphertextBytes,
		rng: &mut R,
	) -> Option<(ElementBytes, ShareProofBytes)> {
		let (share, proof) = member.decrypt_share(decode_ciphertext(sum)?, rng);
		Some((share.to_bytes().try_into().ok()?, proof.to_bytes().try_into().ok()?))
	}

	/// The bytes of a key-generation commitment's opening, which the chain checks.
	pub fn opening_bytes(opening: &elastic_elgamal::dkg::Opening) -> [u8; 32] {
		let encoded = postcard::to_allocvec(opening).expect("encodes");
		encoded[1..].try_into().expect("a length byte and 32 bytes")
	}

	/// What a member publishes in the second step of the key generation: its polynomial's
	/// coefficients, the encoded proof of possession, and the opening of its commitment.
	pub fn public_info(
		info: &elastic_elgamal::dkg::PublicInfo<'_, Ristretto>,
	) -> (Vec<ElementBytes>, Vec<u8>, [u8; 32]) {
		(
			info.polynomial.iter().map(element_bytes).collect(),
			postcard::to_allocvec(&*info.proof_of_possession).expect("encodes"),
			opening_bytes(&info.opening),
		)
	}

	/// A secret scalar's bytes (a share sent to another member).
	pub fn secret_bytes(secret: &elastic_elgamal::SecretKey<Ristretto>) -> [u8; 32] {
		let mut bytes = [0; 32];
		Ristretto::serialize_scalar(secret.expose_scalar(), &mut bytes);
		bytes
	}
}

#[cfg(test)]
mod tests {
	use super::{client::*, *};
	use elastic_elgamal::{
		dkg::ParticipantCollectingCommitments, sharing::ActiveParticipant, Keypair, SecretKey,
	};
	use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};

	const CAMPAIGN: u64 = 7;
	const WINDOW: u32 = 3;

	fn device(n: u8) -> DeviceId {
		H256::repeat_byte(n)
	}

	/// A committee made by the key generation, each step checked as the chain checks it.
	fn committee(
		members: u32,
		threshold: u32,
		rng: &mut ChaCha20Rng,
	) -> (Params, Vec<ActiveParticipant<Ristretto>>, ElementBytes, Vec<ElementBytes>) {
		let params = params(members, threshold).unwrap();
		let n = members as usize;
		let mut collecting: Vec<_> = (0..n)
			.map(|i| ParticipantCollectingCommitments::<Ristretto>::new(params, i, rng))
			.collect();
		let commitments: Vec<_> = collecting.iter().map(|p| p.commitment()).collect();
		for (i, p) in collecting.iter_mut().enumerate() {
			for (j, c) in commitments.iter().enumerate().filter(|(j, _)| *j != i) {
				p.insert_commitment(j, *c);
			}
		}
		let mut polynomials: Vec<_> =
			collecting.into_iter().map(|p| p.finish_commitment_phase()).collect();
		let infos: Vec<_> = polynomials.iter().map(|p| p.public_info().into_owned()).collect();
		let mut sum = Vec::new();
		for (i, info) in infos.iter().enumerate() {
			let (polynomial, proof, opening) = public_info(info);
			verify_polynomial(params, &commitments[i], &polynomial, &opening, &proof).unwrap();
			if sum.is_empty() {
				sum = polynomial;
			} else {
				add_polynomial(&mut sum, &polynomial).unwrap();
			}
		}
		for (i, p) in polynomials.iter_mut().enumerate() {
			for (j, info) in infos.iter().enumerate().filter(|(j, _)| *j != i) {
				p.insert_public_polynomial(j, info.clone()).unwrap();
			}
		}
		let mut exchanging: Vec<_> =
			polynomials.into_iter().map(|p| p.finish_polynomials_phase()).collect();
		for i in 0..n {
			for j in (0..n).filter(|j| *j != i) {
				let share = exchanging[i].secret_share_for_participant(j);
				exchanging[j].insert_secret_share(i, share).unwrap();
			}
		}
		let active: Vec<_> = exchanging.into_iter().map(|p| p.complete().unwrap()).collect();
		let (shared, keys) = joint_keys(members, &sum).unwrap();
		(params, active, shared, keys)
	}

	#[test]
	fn the_chains_key_generation_agrees_with_the_members() {
		let mut rng = ChaCha20Rng::seed_from_u64(1);
		let (params, active, shared, keys) = committee(4, 3, &mut rng);
		let key_set = active[0].key_set();
		assert_eq!(&shared[..], key_set.shared_key().as_bytes());
		for (i, member) in active.iter().enumerate() {
			assert_eq!(&keys[i][..], member.public_key_share().as_bytes());
			let proof = postcard::to_allocvec(&member.proof_of_possession(&mut rng)).unwrap();
			assert!(key_set.verify_participant(i, &postcard::from_bytes(&proof).unwrap()).is_ok());
			assert_eq!(verify_participant_key(params, &shared, i as u32, &keys[i], &proof), Ok(()));
			// Another member's index or key, another shared key: refused.
			let other = (i + 1) % 4;
			assert_eq!(
				verify_participant_key(params, &shared, other as u32, &keys[other], &proof),
				Err(KeyError::InvalidProof)
			);
			assert_eq!(
				verify_participant_key(params, &keys[0], i as u32, &keys[i], &proof),
				Err(KeyError::InvalidProof)
			);
		}
	}

	#[test]
	fn a_polynomial_must_open_its_commitment_and_prove_possession() {
		let mut rng = ChaCha20Rng::seed_from_u64(2);
		let params = params(3, 2).unwrap();
		let mut member = ParticipantCollectingCommitments::<Ristretto>::new(params, 0, &mut rng);
		let commitment = member.commitment();
		member.insert_commitment(1, [1; 32]);
		member.insert_commitment(2, [2; 32]);
		let member = member.finish_commitment_phase();
		let (polynomial, proof, opening) = public_info(&member.public_info());
		assert_eq!(verify_polynomial(params, &commitment, &polynomial, &opening, &proof), Ok(()));
		let mut wrong = opening;
		wrong[0] ^= 1;
		assert_eq!(
			verify_polynomial(params, &commitment, &polynomial, &wrong, &proof),
			Err(KeyError::CommitmentMismatch)
		);
		assert_eq!(
			verify_polynomial(params, &commitment, &polynomial[..1], &opening, &proof),
			Err(KeyError::WrongLength)
		);
		let mut tampered = polynomial.clone();
		tampered[1] = polynomial[0];
		assert_eq!(
			verify_polynomial(params, &commitment, &tampered, &opening, &proof),
			Err(KeyError::InvalidProof)
		);
		let mut long = proof.clone();
		long.push(0);
		assert_eq!(
			verify_polynomial(params, &commitment, &polynomial, &opening, &long),
			Err(KeyError::MalformedProof)
		);
		// Made for 4 members: the transcript binds the scheme.
		let four = super::params(4, 2).unwrap();
		assert_eq!(
			verify_polynomial(four, &commitment, &polynomial, &opening, &proof),
			Err(KeyError::InvalidProof)
		);
	}

	#[test]
	fn a_contribution_verifies_only_in_its_context() {
		let mut rng = ChaCha20Rng::seed_from_u64(3);
		let key = Keypair::<Ristretto>::generate(&mut rng).public().clone();
		let range = prepared_range(100);
		let (ciphertext, proof) =
			encrypt_contribution(&key, 100, CAMPAIGN, WINDOW, &device(1), 42, &mut rng);
		let verify =
			|campaign, window, device: &DeviceId, ciphertext: &CiphertextBytes, proof: &[u8]| {
				verify_contribution(&key, &range, campaign, window, device, ciphertext, proof)
			};
		assert_eq!(verify(CAMPAIGN, WINDOW, &device(1), &ciphertext, &proof), Ok(()));
		assert_eq!(
			verify(CAMPAIGN + 1, WINDOW, &device(1), &ciphertext, &proof),
			Err(ContributionError::InvalidProof)
		);
		assert_eq!(
			verify(CAMPAIGN, WINDOW + 1, &device(1), &ciphertext, &proof),
			Err(ContributionError::InvalidProof)
		);
		assert_eq!(
			verify(CAMPAIGN, WINDOW, &device(2), &ciphertext, &proof),
			Err(ContributionError::InvalidProof)
		);
		// Another ciphertext with this proof: refused.
		let (other, _) =
			encrypt_contribution(&key, 100, CAMPAIGN, WINDOW, &device(1), 42, &mut rng);
		assert_eq!(
			verify(CAMPAIGN, WINDOW, &device(1), &other, &proof),
			Err(ContributionError::InvalidProof)
		);
		// A proof for a wider range does not pass for this one.
		let (wide, wide_proof) =
			encrypt_contribution(&key, 1000, CAMPAIGN, WINDOW, &device(1), 500, &mut rng);
		assert_eq!(
			verify(CAMPAIGN, WINDOW, &device(1), &wide, &wide_proof),
			Err(ContributionError::InvalidProof)
		);
		// Bytes that do not decode.
		assert_eq!(
			verify(CAMPAIGN, WINDOW, &device(1), &[0xff; 64], &proof),
			Err(ContributionError::MalformedCiphertext)
		);
		let mut long = proof.clone();
		long.push(0);
		assert_eq!(
			verify(CAMPAIGN, WINDOW, &device(1), &ciphertext, &long),
			Err(ContributionError::MalformedProof)
		);
		assert_eq!(
			verify(CAMPAIGN, WINDOW, &device(1), &ciphertext, &proof[..proof.len() - 1]),
			Err(ContributionError::MalformedProof)
		);
		// Every single-byte change of the proof is refused.
		for i in 0..proof.len() {
			let mut flipped = proof.clone();
			flipped[i] ^= 0x10;
			assert!(
				verify(CAMPAIGN, WINDOW, &device(1), &ciphertext, &flipped).is_err(),
				"byte {i}"
			);
		}
	}

	#[test]
	fn proofs_fit_their_bounds() {
		let mut rng = ChaCha20Rng::seed_from_u64(4);
		let key = Keypair::<Ristretto>::generate(&mut rng).public().clone();
		for max in [1, 2, 100, 65_535, MAX_VALUE] {
			let (_, proof) = encrypt_contribution(&key, max, 0, 0, &device(0), max, &mut rng);
			let size = prepared_range(max).decomposition().proof_size();
			println!("range 0..={max}: proof size {size}, {} bytes", proof.len());
			assert!(proof.len() as u32 <= MAX_RANGE_PROOF_LEN, "{max}: {} bytes", proof.len());
			assert!(value_bits(max) <= MAX_VALUE_BITS);
		}
		let pairs: Vec<_> =
			(0..MAX_COMMITTEE).map(|_| Keypair::<Ristretto>::generate(&mut rng)).collect();
		let proof = ProofOfPossession::new(&pairs, &mut Transcript::new(b"bound"), &mut rng);
		assert!(postcard::to_allocvec(&proof).unwrap().len() as u32 <= MAX_POSSESSION_PROOF_LEN);
	}

	#[test]
	fn a_window_sum_decrypts_from_threshold_shares_only_to_its_total() {
		let mut rng = ChaCha20Rng::seed_from_u64(5);
		let (params, active, shared, keys) = committee(3, 2, &mut rng);
		let key = public_key(&shared).unwrap();
		let values = [17u64, 0, 100, 55];
		let mut sum = ZERO_CIPHERTEXT;
		for (i, value) in values.iter().enumerate() {
			let (c, _) = encrypt_contribution(
				&key,
				100,
				CAMPAIGN,
				WINDOW,
				&device(i as u8),
				*value,
				&mut rng,
			);
			sum = add_ciphertexts(&sum, &c).unwrap();
		}
		let total: u64 = values.iter().sum();
		let ciphertext = decode_ciphertext(&sum).unwrap();
		let mut shares = Vec::new();
		for (i, member) in active.iter().enumerate() {
			let (share, proof) = member.decrypt_share(ciphertext, &mut rng);
			let share: ElementBytes = share.to_bytes().try_into().unwrap();
			let proof: ShareProofBytes = proof.to_bytes().try_into().unwrap();
			let index = i as u32;
			assert_eq!(
				verify_decryption_share(params, &shared, index, &keys[i], &sum, &share, &proof),
				Ok(())
			);
			// The library's own check agrees.
			let candidate = CandidateDecryption::from_bytes(&share).unwrap();
			let library = LogEqualityProof::from_bytes(&proof).unwrap();
			assert!(active[0].key_set().verify_share(candidate, ciphertext, i, &library).is_ok());
			// Under another member's index, for another sum, or another share: refused.
			let other = (i + 1) % 3;
			assert_eq!(
				verify_decryption_share(
					params,
					&shared,
					other as u32,
					&keys[other],
					&sum,
					&share,
					&proof
				),
				Err(KeyError::InvalidProof)
			);
			let more = add_ciphertexts(&sum, &sum).unwrap();
			assert_eq!(
				verify_decryption_share(params, &shared, index, &keys[i], &more, &share, &proof),
				Err(KeyError::InvalidProof)
			);
			assert_eq!(
				verify_decryption_share(params, &shared, index, &keys[i], &sum, &shared, &proof),
				Err(KeyError::InvalidProof)
			);
			shares.push((index, share));
		}
		// One share is not enough; any two are.
		assert_eq!(check_total(params, &sum, &shares[..1], total), Err(KeyError::WrongLength));
		for pair in [[0, 1], [0, 2], [1, 2]] {
			let two = [shares[pair[0]], shares[pair[1]]];
			assert_eq!(check_total(params, &sum, &two, total), Ok(true));
			assert_eq!(check_total(params, &sum, &two, total + 1), Ok(false));
			let element = decrypted_element(params, &sum, &two).unwrap();
			assert_eq!(discrete_log(&element, 400), Some(total));
			assert_eq!(discrete_log(&element, total - 1), None);
		}
	}

	#[test]
	fn key_members_make_the_chains_key_through_sealed_shares() {
		let mut rng = ChaCha20Rng::seed_from_u64(8);
		let params = params(3, 2).unwrap();
		let members: Vec<_> = (0..3).map(|i| KeyMember::new(params, i, &mut rng)).collect();
		let commitments: Vec<_> = members.iter().map(|m| m.commitment()).collect();
		let transport: Vec<_> = members.iter().map(|m| m.transport_key()).collect();
		let mut sum = Vec::new();
		let mut published = Vec::new();
		for (i, member) in members.iter().enumerate() {
			let p = member.publication(CAMPAIGN, &transport).unwrap();
			verify_polynomial(params, &commitments[i], &p.polynomial, &p.opening, &p.proof)
				.unwrap();
			if sum.is_empty() {
				sum = p.polynomial.clone();
			} else {
				add_polynomial(&mut sum, &p.polynomial).unwrap();
			}
			published.push((p.polynomial, p.sealed));
		}
		let (shared, keys) = joint_keys(3, &sum).unwrap();
		for member in &members {
			let member = KeyMember::from_bytes(&member.to_bytes()).unwrap();
			let active = member.activate(params, CAMPAIGN, &transport, &published, &keys).unwrap();
			let index = member.index;
			let proof = possession_proof(&active, &mut rng);
			assert_eq!(
				verify_participant_key(params, &shared, index, &keys[index as usize], &proof),
				Ok(())
			);
		}
		// A share sealed wrong, or for another campaign, names its sender.
		let mut tampered = published.clone();
		tampered[2].1[0][5] ^= 1;
		assert_eq!(
			members[0].activate(params, CAMPAIGN, &transport, &tampered, &keys).err(),
			Some(2)
		);
		assert_eq!(
			members[1].activate(params, CAMPAIGN + 1, &transport, &published, &keys).err(),
			Some(0)
		);
	}

	#[test]
	fn a_complaint_proves_a_bad_share_and_only_a_bad_one() {
		let mut rng = ChaCha20Rng::seed_from_u64(9);
		let params = params(3, 2).unwrap();
		let members: Vec<_> = (0..3).map(|i| KeyMember::new(params, i, &mut rng)).collect();
		let transport: Vec<_> = members.iter().map(|m| m.transport_key()).collect();
		let dealt = members[2].publication(CAMPAIGN, &transport).unwrap();
		let check = |accuser: u32, sealed: &[u8; 32], dh: &ElementBytes, proof| {
			check_complaint(
				CAMPAIGN,
				2,
				accuser,
				&transport[2],
				&transport[accuser as usize],
				&dealt.polynomial,
				sealed,
				dh,
				proof,
			)
		};
		// Member 0's share is right: its complaint is decided against it.
		let (dh, proof) = members[0].complaint(CAMPAIGN, 2, &transport[2], &mut rng).unwrap();
		assert_eq!(check(0, &dealt.sealed[0], &dh, &proof), Ok(false));
		// A share changed after sealing is wrong: upheld.
		let mut bad = dealt.sealed[0];
		bad[5] ^= 1;
		assert_eq!(check(0, &bad, &dh, &proof), Ok(true));
		// The proof binds the point, the accuser and the campaign.
		let (other, _) = members[1].complaint(CAMPAIGN, 2, &transport[2], &mut rng).unwrap();
		assert_eq!(check(0, &bad, &other, &proof), Err(KeyError::InvalidProof));
		assert_eq!(check(1, &bad, &dh, &proof), Err(KeyError::InvalidProof));
		let (dh_elsewhere, proof_elsewhere) =
			members[0].complaint(CAMPAIGN + 1, 2, &transport[2], &mut rng).unwrap();
		assert_eq!(dh_elsewhere, dh);
		assert_eq!(check(0, &bad, &dh, &proof_elsewhere), Err(KeyError::InvalidProof));
		assert_eq!(check(0, &bad, &dh, &[0xff; 64]), Err(KeyError::MalformedProof));
	}

	#[test]
	fn sealed_shares_open_for_their_recipient_only() {
		let mut rng = ChaCha20Rng::seed_from_u64(6);
		let (a, b, c) =
			(Keypair::generate(&mut rng), Keypair::generate(&mut rng), Keypair::generate(&mut rng));
		let secret = secret_bytes(&SecretKey::<Ristretto>::generate(&mut rng));
		let bytes =
			|k: &Keypair<Ristretto>| -> ElementBytes { k.public().as_bytes().try_into().unwrap() };
		let sealed = seal_share(&a, &bytes(&b), CAMPAIGN, 0, 1, &secret).unwrap();
		assert_ne!(sealed, secret);
		assert_eq!(open_share(&b, &bytes(&a), CAMPAIGN, 0, 1, &sealed), Some(secret));
		assert_ne!(open_share(&c, &bytes(&a), CAMPAIGN, 0, 1, &sealed), Some(secret));
		assert_ne!(open_share(&b, &bytes(&a), CAMPAIGN, 0, 2, &sealed), Some(secret));
	}

	#[test]
	fn ciphertexts_round_trip_and_add() {
		let mut rng = ChaCha20Rng::seed_from_u64(7);
		let pair = Keypair::<Ristretto>::generate(&mut rng);
		let a = pair.public().encrypt(5u64, &mut rng);
		let b = pair.public().encrypt(7u64, &mut rng);
		let (ab, bb) = (encode_ciphertext(a), encode_ciphertext(b));
		assert_eq!(encode_ciphertext(decode_ciphertext(&ab).unwrap()), ab);
		let sum = decode_ciphertext(&add_ciphertexts(&ab, &bb).unwrap()).unwrap();
		let element = element_bytes(&pair.secret().decrypt_to_element(sum));
		assert_eq!(discrete_log(&element, 20), Some(12));
		assert_eq!(add_ciphertexts(&ZERO_CIPHERTEXT, &ab), Some(ab));
		assert_eq!(decode_ciphertext(&[0xff; 64]).map(encode_ciphertext), None);
	}
}
