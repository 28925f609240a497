//! The bytes CPChain devices sign and hash, defined once for every side: a microcontroller (no
//! `std`, no allocator), the runtime and the programs beside the chain.
//!
//! Every payload here has a fixed length and is built into an array, field by field, exactly as
//! SCALE encodes the same tuple; with the `scale` feature the types also implement the codec
//! and type information the runtime needs, and the tests check both encodings agree. Hashes are
//! blake2b-256, as `sp_io::hashing::blake2_256` computes them.

#![no_std]

#[cfg(test)]
extern crate std;

pub mod device;
pub mod merkle;

/// A 32-byte hash.
pub type Hash = [u8; 32];

/// blake2b with a 32-byte output over `parts` in order.
pub fn blake2_256(parts: &[&[u8]]) -> Hash {
	blake2_256_after(&[], parts)
}

/// [`blake2_256`] over `prefix`, then `parts`.
pub(crate) fn blake2_256_after(prefix: &[u8], parts: &[&[u8]]) -> Hash {
	let mut state = blake2b_simd::Params::new().hash_length(32).to_state();
	state.update(prefix);
	for part in parts {
		state.update(part);
	}
	let mut out = [0; 32];
	out.copy_from_slice(state.finalize().as_bytes());
	out
}

/// Concatenates fields into a payload of exactly `N` bytes.
struct Payload<const N: usize> {
	bytes: [u8; N],
	len: usize,
}

impl<const N: usize> Payload<N> {
	fn new() -> Self {
		Self { bytes: [0; N], len: 0 }
	}

	fn put(mut self, field: &[u8]) -> Self {
		self.bytes[self.len..self.len + field.len()].copy_from_slice(field);
		self.len += field.len();
		self
	}

	fn finish(self) -> [u8; N] {
		debug_assert_eq!(self.len, N, "a payload's fields fill it exactly");
		self.bytes
	}
}
