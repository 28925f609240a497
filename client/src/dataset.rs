//! The encrypted form of a dataset, which providers store and buyers fetch.
//!
//! ```text
//! header:  "CPCDATA1" | plaintext size (u64 LE) | chunk size (u32 LE) | key length (u16 LE) | sealed key
//! body:    chunk 0 | chunk 1 | ... , each ChaCha20-Poly1305(data key, nonce = index (u64 LE) | last (u32 LE),
//!          aad = header) of up to `chunk size` bytes of plaintext, with its 16-byte tag
//! ```
//!
//! The data key is a fresh random 256-bit key, sealed with Umbral (`umbral_pre::encrypt`) under
//! the listing's delegating key: the Umbral capsule goes on chain with the listing, the sealed
//! key rides in the header. The seller opens it with the delegating secret key, a buyer with its
//! own key and the verified capsule fragments the chain holds for its grant. Nonces count
//! chunks and mark the last one, and every chunk authenticates the header, so chunks cannot be
//! reordered, dropped, truncated or moved to another dataset. The Merkle root of this whole
//! byte string, cut into 1 KiB segments (`cpchain_primitives::storage`), is what the storage
//! order and the listing commit to.

use std::io::{Read, Write};

use anyhow::{anyhow, bail, ensure, Context, Result};
use chacha20poly1305::{
	aead::{AeadInPlace, KeyInit},
	ChaCha20Poly1305, Key, Nonce,
};
use cpchain_primitives::storage::{leaf_hash, SEGMENT_SIZE};
use rand::RngCore;
use sp_core::H256;
use umbral_pre::{Capsule, PublicKey, SecretKey, VerifiedCapsuleFrag};
use zeroize::Zeroizing;

/// First bytes of every encrypted dataset.
pub const MAGIC: &[u8; 8] = b"CPCDATA1";
/// Plaintext bytes per chunk.
pub const CHUNK_SIZE: usize = 64 * 1024;
/// Authentication tag per chunk.
pub const TAG_SIZE: usize = 16;
/// Longest sealed key accepted in a header (Umbral's is 72 bytes).
const MAX_SEALED_KEY: usize = 256;

/// The fixed part of the header and the sealed key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
	/// Size of the plaintext.
	pub plain_size: u64,
	/// Plaintext bytes per chunk.
	pub chunk_size: u32,
	/// The data key, sealed with Umbral.
	pub sealed_key: Vec<u8>,
}

impl Header {
	/// Length of the fixed part, before the sealed key.
	pub const FIXED_LEN: usize = 8 + 8 + 4 + 2;

	/// The header's bytes.
	pub fn encode(&self) -> Vec<u8> {
		let mut out = Vec::with_capacity(Self::FIXED_LEN + self.sealed_key.len());
		out.extend_from_slice(MAGIC);
		out.extend_from_slice(&self.plain_size.to_le_bytes());
		out.extend_from_slice(&self.chunk_size.to_le_bytes());
		out.extend_from_slice(&(self.sealed_key.len() as u16).to_le_bytes());
		out.extend_from_slice(&self.sealed_key);
		out
	}

	/// Reads a header from the start of `reader`; returns it and its bytes.
	pub fn read(reader: &mut impl Read) -> Result<(Self, Vec<u8>)> {
		let mut fixed = [0u8; Self::FIXED_LEN];
		reader.read_exact(&mut fixed).context("the data ends inside its header")?;
		ensure!(&fixed[..8] == MAGIC, "not an encrypted CPChain dataset (bad magic)");
		let plain_size = u64::from_le_bytes(fixed[8..16].try_into().expect("8 bytes"));
		let chunk_size = u32::from_le_bytes(fixed[16..20].try_into().expect("4 bytes"));
		let key_len = u16::from_le_bytes(fixed[20..22].try_into().expect("2 bytes")) as usize;
		ensure!(chunk_size > 0 && chunk_size <= 1 << 24, "bad chunk size {chunk_size}");
		ensure!(key_len <= MAX_SEALED_KEY, "sealed key of {key_len} bytes is too long");
		let mut sealed_key = vec![0u8; key_len];
		reader.read_exact(&mut sealed_key).context("the data ends inside its header")?;
		let mut bytes = fixed.to_vec();
		bytes.extend_from_slice(&sealed_key);
		Ok((Self { plain_size, chunk_size, sealed_key }, bytes))
	}

	/// Size of the encrypted dataset this header starts.
	pub fn encrypted_size(&self) -> u64 {
		let chunks = self.plain_size.div_ceil(self.chunk_size as u64).max(1);
		(Self::FIXED_LEN + self.sealed_key.len()) as u64
			+ self.plain_size
			+ chunks * TAG_SIZE as u64
	}
}

fn nonce(index: u64, last: bool) -> Nonce {
	let mut nonce = [0u8; 12];
	nonce[..8].copy_from_slice(&index.to_le_bytes());
	nonce[8..].copy_from_slice(&u32::from(last).to_le_bytes());
	nonce.into()
}

/// Chunks encrypted or decrypted at once, spread over the machine's cores.
const BATCH: usize = 32;

/// Runs `f(index, item)` on every item, spread over the machine's cores (at most 8 threads).
fn parallel<T: Send>(
	items: &mut [T],
	f: impl Fn(usize, &mut T) -> Result<()> + Sync,
) -> Result<()> {
	let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
	let per = items.len().div_ceil(threads).max(1);
	if items.len() <= per {
		return items.iter_mut().enumerate().try_for_each(|(i, item)| f(i, item));
	}
	std::thread::scope(|scope| {
		let f = &f;
		let workers: Vec<_> = items
			.chunks_mut(per)
			.enumerate()
			.map(|(k, part)| {
				scope.spawn(move || {
					part.iter_mut().enumerate().try_for_each(|(i, item)| f(k * per + i, item))
				})
			})
			.collect();
		workers
			.into_iter()
			.try_for_each(|w| w.join().map_err(|_| anyhow!("a worker thread panicked"))?)
	})
}

/// Leaf hashes of whole segments, over several cores when there are many.
fn leaves_of(bytes: &[u8]) -> Vec<H256> {
	let mut parts: Vec<(&[u8], Vec<H256>)> =
		bytes.chunks(256 * SEGMENT_SIZE as usize).map(|part| (part, Vec::new())).collect();
	let _ = parallel(&mut parts, |_, (part, leaves)| {
		*leaves = part.chunks(SEGMENT_SIZE as usize).map(leaf_hash).collect();
		Ok(())
	});
	parts.into_iter().flat_map(|(_, leaves)| leaves).collect()
}

/// Collects the leaf hashes of a byte stream cut into segments, as it is written.
#[derive(Default)]
pub struct SegmentHasher {
	pending: Vec<u8>,
	leaves: Vec<H256>,
	size: u64,
}

impl SegmentHasher {
	/// Adds the next bytes.
	pub fn update(&mut self, mut bytes: &[u8]) {
		self.size += bytes.len() as u64;
		let segment = SEGMENT_SIZE as usize;
		if !self.pending.is_empty() {
			let take = (segment - self.pending.len()).min(bytes.len());
			self.pending.extend_from_slice(&bytes[..take]);
			bytes = &bytes[take..];
			if self.pending.len() < segment {
				return;
			}
			self.leaves.push(leaf_hash(&self.pending));
			self.pending.clear();
		}
		let whole = bytes.len() / segment * segment;
		self.leaves.extend(leaves_of(&bytes[..whole]));
		self.pending.extend_from_slice(&bytes[whole..]);
	}

	/// Bytes added so far.
	pub fn bytes(&self) -> u64 {
		self.size
	}

	/// The leaf hashes and the total size.
	pub fn finish(mut self) -> (Vec<H256>, u64) {
		if !self.pending.is_empty() {
			self.leaves.push(leaf_hash(&self.pending));
		}
		(self.leaves, self.size)
	}
}

/// What [`seal`] made.
pub struct Sealed {
	/// The capsule of the data key, for the listing.
	pub capsule: Capsule,
	/// Size of the encrypted dataset.
	pub size: u64,
	/// Leaf hashes of its segments.
	pub leaves: Vec<H256>,
}

/// Encrypts `plain_size` bytes from `input` for `delegating` into `output`, calling `progress`
/// with the number of plaintext bytes done after each chunk.
pub fn seal(
	input: &mut impl Read,
	plain_size: u64,
	delegating: &PublicKey,
	output: &mut impl Write,
	mut progress: impl FnMut(u64),
) -> Result<Sealed> {
	let mut key = Zeroizing::new([0u8; 32]);
	rand::rngs::OsRng.fill_bytes(key.as_mut());
	let (capsule, sealed_key) = umbral_pre::encrypt(delegating, key.as_ref())
		.map_err(|e| anyhow!("cannot seal the data key: {e}"))?;
	let header =
		Header { plain_size, chunk_size: CHUNK_SIZE as u32, sealed_key: sealed_key.into_vec() };
	let header_bytes = header.encode();
	let mut hasher = SegmentHasher::default();
	output.write_all(&header_bytes)?;
	hasher.update(&header_bytes);

	let cipher = ChaCha20Poly1305::new(Key::from_slice(key.as_ref()));
	let mut batch: Vec<Vec<u8>> =
		(0..BATCH).map(|_| Vec::with_capacity(CHUNK_SIZE + TAG_SIZE)).collect();
	let mut out = Vec::with_capacity(BATCH * (CHUNK_SIZE + TAG_SIZE));
	let (mut done, mut first) = (0u64, 0u64);
	loop {
		// Read up to a batch of chunks (an empty dataset is one empty chunk).
		let mut count = 0;
		while count < BATCH && (count == 0 || done < plain_size) {
			let len = (plain_size - done).min(CHUNK_SIZE as u64) as usize;
			batch[count].resize(len, 0);
			input.read_exact(&mut batch[count]).context("the input is shorter than its size")?;
			done += len as u64;
			count += 1;
		}
		let finished = done == plain_size;
		parallel(&mut batch[..count], |i, chunk| {
			let last = finished && i + 1 == count;
			cipher
				.encrypt_in_place(&nonce(first + i as u64, last), &header_bytes, chunk)
				.map_err(|_| anyhow!("encryption failed"))
		})?;
		out.clear();
		batch[..count].iter().for_each(|chunk| out.extend_from_slice(chunk));
		output.write_all(&out)?;
		hasher.update(&out);
		progress(done);
		if finished {
			break;
		}
		first += count as u64;
	}
	let mut rest = [0u8; 1];
	ensure!(input.read(&mut rest)? == 0, "the input is longer than its size");
	let (leaves, size) = hasher.finish();
	debug_assert_eq!(size, header.encrypted_size());
	Ok(Sealed { capsule, size, leaves })
}

/// How the data key of a dataset is opened.
pub enum Opener<'a> {
	/// By the seller, with the listing's delegating secret key.
	Seller { delegating: &'a SecretKey },
	/// By a buyer, with its own key and the capsule fragments verified for it.
	Buyer { receiving: &'a SecretKey, delegating: &'a PublicKey, cfrags: Vec<VerifiedCapsuleFrag> },
}

/// Decrypts an encrypted dataset from `input` into `output`, calling `progress` with the
/// plaintext bytes done. Fails, having written only authenticated chunks, if anything was
/// changed, cut or added.
pub fn open(
	input: &mut impl Read,
	capsule: &Capsule,
	opener: Opener,
	output: &mut impl Write,
	mut progress: impl FnMut(u64),
) -> Result<u64> {
	let (header, header_bytes) = Header::read(input)?;
	let key = Zeroizing::new(match opener {
		Opener::Seller { delegating } => {
			umbral_pre::decrypt_original(delegating, capsule, &header.sealed_key)
				.map_err(|e| anyhow!("cannot open the data key: {e}"))?
		},
		Opener::Buyer { receiving, delegating, cfrags } => umbral_pre::decrypt_reencrypted(
			receiving,
			delegating,
			capsule,
			cfrags,
			&header.sealed_key,
		)
		.map_err(|e| anyhow!("cannot open the data key with the fragments: {e}"))?,
	});
	ensure!(key.len() == 32, "the data key has {} bytes, not 32", key.len());
	let cipher = ChaCha20Poly1305::new(Key::from_slice(&key));
	let chunk_size = header.chunk_size as u64;
	let mut batch: Vec<Vec<u8>> =
		(0..BATCH).map(|_| Vec::with_capacity(header.chunk_size as usize + TAG_SIZE)).collect();
	let (mut done, mut first) = (0u64, 0u64);
	loop {
		let mut count = 0;
		while count < BATCH && (count == 0 || done < header.plain_size) {
			let len = (header.plain_size - done).min(chunk_size) as usize;
			batch[count].resize(len + TAG_SIZE, 0);
			input.read_exact(&mut batch[count]).context("the encrypted data is truncated")?;
			done += len as u64;
			count += 1;
		}
		let finished = done == header.plain_size;
		parallel(&mut batch[..count], |i, chunk| {
			let (index, last) = (first + i as u64, finished && i + 1 == count);
			cipher
				.decrypt_in_place(&nonce(index, last), &header_bytes, chunk)
				.map_err(|_| anyhow!("chunk {index} does not authenticate: the data was altered"))
		})?;
		for chunk in &batch[..count] {
			output.write_all(chunk)?;
		}
		progress(done);
		if finished {
			break;
		}
		first += count as u64;
	}
	let mut rest = [0u8; 1];
	if input.read(&mut rest)? != 0 {
		bail!("the encrypted data has bytes after its last chunk");
	}
	Ok(done)
}

#[cfg(test)]
mod tests {
	use super::*;
	use cpchain_primitives::storage::MerkleTree;
	use umbral_pre::{generate_kfrags, reencrypt, Signer};

	fn sample(len: usize) -> Vec<u8> {
		(0..len as u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()
	}

	fn sealed(plain: &[u8], delegating: &PublicKey) -> (Sealed, Vec<u8>) {
		let mut out = Vec::new();
		let sealed =
			seal(&mut &plain[..], plain.len() as u64, delegating, &mut out, |_| {}).unwrap();
		(sealed, out)
	}

	#[test]
	fn sizes_leaves_and_round_trip() {
		let seller = SecretKey::random();
		let batch = BATCH * CHUNK_SIZE;
		for len in [
			0,
			1,
			1000,
			CHUNK_SIZE - 1,
			CHUNK_SIZE,
			CHUNK_SIZE + 1,
			3 * CHUNK_SIZE + 17,
			batch,
			batch + 5,
		] {
			let plain = sample(len);
			let (sealed, bytes) = sealed(&plain, &seller.public_key());
			assert_eq!(sealed.size, bytes.len() as u64, "{len}");
			let (header, _) = Header::read(&mut &bytes[..]).unwrap();
			assert_eq!(header.encrypted_size(), bytes.len() as u64);
			assert_eq!(
				MerkleTree::from_leaves(sealed.leaves.clone()).unwrap().root(),
				MerkleTree::from_data(&bytes).unwrap().root()
			);
			let mut back = Vec::new();
			let opener = Opener::Seller { delegating: &seller };
			open(&mut &bytes[..], &sealed.capsule, opener, &mut back, |_| {}).unwrap();
			assert_eq!(back, plain, "{len}");
		}
	}

	#[test]
	fn a_buyer_opens_with_verified_fragments() {
		let (seller, buyer) = (SecretKey::random(), SecretKey::random());
		let signer = Signer::new(SecretKey::random());
		let plain = sample(200_000);
		let (sealed, bytes) = sealed(&plain, &seller.public_key());
		let kfrags = generate_kfrags(&seller, &buyer.public_key(), &signer, 2, 3, true, true);
		let cfrags: Vec<_> =
			kfrags[..2].iter().map(|k| reencrypt(&sealed.capsule, k.clone())).collect();
		let mut back = Vec::new();
		let delegating = seller.public_key();
		let opener =
			Opener::Buyer { receiving: &buyer, delegating: &delegating, cfrags: cfrags.clone() };
		open(&mut &bytes[..], &sealed.capsule, opener, &mut back, |_| {}).unwrap();
		assert_eq!(back, plain);
		// One fragment short of the threshold opens nothing.
		let opener = Opener::Buyer {
			receiving: &buyer,
			delegating: &delegating,
			cfrags: cfrags[..1].to_vec(),
		};
		assert!(open(&mut &bytes[..], &sealed.capsule, opener, &mut Vec::new(), |_| {}).is_err());
	}

	#[test]
	fn any_change_is_detected() {
		let seller = SecretKey::random();
		let plain = sample(2 * CHUNK_SIZE + 5);
		let (sealed, bytes) = sealed(&plain, &seller.public_key());
		let try_open = |bytes: &[u8]| {
			let opener = Opener::Seller { delegating: &seller };
			open(&mut &bytes[..], &sealed.capsule, opener, &mut Vec::new(), |_| {})
		};
		let header_len = Header::FIXED_LEN + 72;
		for at in [0, 9, header_len - 1, header_len, header_len + CHUNK_SIZE + 20, bytes.len() - 1]
		{
			let mut bad = bytes.clone();
			bad[at] ^= 1;
			assert!(try_open(&bad).is_err(), "flipped byte {at}");
		}
		// Cut after the second chunk: the nonce of the last chunk differs.
		let cut = header_len + 2 * (CHUNK_SIZE + TAG_SIZE);
		assert!(try_open(&bytes[..cut]).is_err());
		assert!(try_open(&[&bytes[..], &[0]].concat()).is_err());
		// Another dataset's capsule does not open this one's key.
		let (other, _) = sealed_other(&seller);
		let opener = Opener::Seller { delegating: &seller };
		assert!(open(&mut &bytes[..], &other.capsule, opener, &mut Vec::new(), |_| {}).is_err());
	}

	fn sealed_other(seller: &SecretKey) -> (Sealed, Vec<u8>) {
		sealed(b"another dataset", &seller.public_key())
	}

	#[test]
	fn segment_hasher_matches_any_write_pattern() {
		let data = sample(10_000);
		let expected: Vec<H256> = data.chunks(SEGMENT_SIZE as usize).map(leaf_hash).collect();
		for step in [1, 7, 1023, 1024, 1025, 4096, 10_000] {
			let mut hasher = SegmentHasher::default();
			data.chunks(step).for_each(|c| hasher.update(c));
			assert_eq!(hasher.finish(), (expected.clone(), data.len() as u64), "{step}");
		}
	}
}
