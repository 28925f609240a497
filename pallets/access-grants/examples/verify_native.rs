//! Native timing of what `submit_fragments` does per fragment (decode the capsule, the three
//! keys and the fragment, then `CapsuleFrag::verify`), to set beside the benchmarked WASM
//! weight in `src/weights.rs`:
//!
//!     cargo run --release -p pallet-access-grants --features testing --example verify_native

use cpchain_primitives::pre::{
	decode_capsule, decode_capsule_frag, decode_public_key, verify_capsule_frag,
};
use pallet_access_grants::testing::{public_key, secret_key, wire, Listing};
use std::time::Instant;

fn main() {
	let listing = Listing::new(7, b"EV battery cell temperatures, fleet 12, week 47");
	let buyer = secret_key(8);
	let sealed = listing.sealed();
	let grantee = public_key(&buyer);
	let fragments: Vec<_> = listing.fragments(&buyer, 1, 1).iter().map(wire).collect();
	let fragment = &fragments[0];

	let rounds = 2_000u32;
	let start = Instant::now();
	for _ in 0..rounds {
		let capsule = decode_capsule(&sealed.capsule).expect("valid capsule");
		let verifying = decode_public_key(&sealed.verifying_key).expect("valid key");
		let delegating = decode_public_key(&sealed.delegating_key).expect("valid key");
		let receiving = decode_public_key(&grantee).expect("valid key");
		let cfrag = decode_capsule_frag(fragment).expect("valid fragment");
		verify_capsule_frag(cfrag, &capsule, &verifying, &delegating, &receiving)
			.expect("fragment verifies");
	}
	let per = start.elapsed() / rounds;
	println!("decode + verify one capsule fragment, native: {:.1} µs", per.as_secs_f64() * 1e6);
}
