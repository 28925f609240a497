//! Native timing of a contribution's range-proof verification (the range's preparation and the
//! proof), to set beside the same verification in the runtime's WASM: the aggregates pallet's
//! `verify_range_proof` benchmark (`--extra`, component `b`: values up to `2^b - 1`), which
//! `scripts/benchmark.sh pallet_aggregates` runs before this.
//!
//!     cargo run --release -p cpchain-primitives --features aggregates --example verify_contribution

use cpchain_primitives::aggregates::{
	client::encrypt_contribution, elastic_elgamal::Keypair, prepared_range, value_bits,
	verify_contribution, MAX_VALUE,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_core::H256;
use std::time::Instant;

fn main() {
	let mut rng = ChaCha20Rng::seed_from_u64(1);
	let key = Keypair::generate(&mut rng).public().clone();
	let device = H256::repeat_byte(7);
	// 18, 7 and 1 bits: the benchmark's largest, a middle and its smallest point.
	for max in [MAX_VALUE, 127, 1] {
		let (ciphertext, proof) = encrypt_contribution(&key, max, 1, 0, &device, max / 3, &mut rng);
		// The fastest of 20 batches, as the weights take each benchmark's fastest run
		// (scripts/fit-weights.mjs): what the code costs when the VM does not interfere.
		let per = (0..20)
			.map(|_| {
				let start = Instant::now();
				for _ in 0..20 {
					let range = prepared_range(max);
					verify_contribution(&key, &range, 1, 0, &device, &ciphertext, &proof)
						.expect("the contribution verifies");
				}
				start.elapsed() / 20
			})
			.min()
			.unwrap_or_default();
		println!(
			"range proof of 0..={max} ({} bits, {} bytes): prepare + verify, native: {:.1} µs",
			value_bits(max),
			proof.len(),
			per.as_secs_f64() * 1e6
		);
	}
}
