//! The raw throughput a dataset's pipeline is measured against, in memory: Umbral encryption
//! (`umbral_pre::encrypt`, XChaCha20-Poly1305 under a capsule's key) and blake2 segment hashing
//! of the result, then the client's own `dataset::seal` (chunked ChaCha20-Poly1305 and the
//! segment leaves in one pass) and `dataset::open` on the same bytes.
//!
//!   cargo run --release -p cpchain-client --example throughput -- [MiB, default 100]
//!
//! Prints one JSON object with MB/s (10^6 bytes per second) for each.

use std::time::Instant;

use cpchain_client::dataset::{self, Opener};
use cpchain_primitives::storage::{leaf_hash, SEGMENT_SIZE};
use umbral_pre::SecretKey;

fn main() {
	let mib: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100);
	let size = mib << 20;
	let plain: Vec<u8> =
		(0..size as u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
	let key = SecretKey::random();
	let rate = |seconds: f64| size as f64 / seconds / 1e6;

	let start = Instant::now();
	let (_, ciphertext) = umbral_pre::encrypt(&key.public_key(), &plain).expect("encrypts");
	let encrypt = start.elapsed().as_secs_f64();
	let start = Instant::now();
	let leaves: Vec<_> = ciphertext.chunks(SEGMENT_SIZE as usize).map(leaf_hash).collect();
	let hash = start.elapsed().as_secs_f64();
	assert!(!leaves.is_empty());

	let start = Instant::now();
	let mut sealed = Vec::with_capacity(size + size / 1000 + 1024);
	let made = dataset::seal(&mut &plain[..], size as u64, &key.public_key(), &mut sealed, |_| {})
		.expect("seals");
	let seal = start.elapsed().as_secs_f64();
	let start = Instant::now();
	let mut opened = Vec::with_capacity(size);
	dataset::open(
		&mut &sealed[..],
		&made.capsule,
		Opener::Seller { delegating: &key },
		&mut opened,
		|_| {},
	)
	.expect("opens");
	let open = start.elapsed().as_secs_f64();
	assert!(opened == plain);

	println!(
		"{}",
		serde_json::json!({
			"mib": mib,
			"umbral_encrypt_mb_s": rate(encrypt),
			"blake2_segments_mb_s": rate(hash),
			"raw_mb_s": rate(encrypt + hash),
			"seal_mb_s": rate(seal),
			"open_mb_s": rate(open),
		})
	);
}
