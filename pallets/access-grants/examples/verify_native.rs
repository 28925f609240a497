//! Native timing of a fragment's verification, to set beside the WASM weight of
//! `submit_fragments` in `src/weights.rs`: the runtime's (`verify_fragment`, from the stored
//! bytes, its curve multiplications done by the host's libsecp256k1) and umbral-pre's
//! (decode the capsule, the three keys and the fragment, then `CapsuleFrag::verify`), which
//! it replaced:
//!
//!     cargo run --release -p pallet-access-grants --features testing --example verify_native

use cpchain_primitives::pre::{
	decode_capsule, decode_capsule_frag, decode_public_key, verify_capsule_frag, verify_fragment,
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

	// The fastest of 20 batches, as the weights take each benchmark's fastest run
	// (scripts/fit-weights.mjs): what the code costs when the VM does not interfere.
	let time = |what: &str, rounds: u32, verify: &dyn Fn()| {
		let per = (0..20)
			.map(|_| {
				let start = Instant::now();
				for _ in 0..rounds {
					verify();
				}
				start.elapsed() / rounds
			})
			.min()
			.unwrap_or_default();
		println!("{what}, native: {:.1} µs", per.as_secs_f64() * 1e6);
	};
	time("verify_fragment (the runtime's) of one capsule fragment", 250, &|| {
		verify_fragment(
			fragment,
			&sealed.capsule,
			&sealed.verifying_key,
			&sealed.delegating_key,
			&grantee,
		)
		.expect("fragment verifies")
	});
	time("umbral-pre's decode + verify of one capsule fragment", 50, &|| {
		let capsule = decode_capsule(&sealed.capsule).expect("valid capsule");
		let verifying = decode_public_key(&sealed.verifying_key).expect("valid key");
		let delegating = decode_public_key(&sealed.delegating_key).expect("valid key");
		let receiving = decode_public_key(&grantee).expect("valid key");
		let cfrag = decode_capsule_frag(fragment).expect("valid fragment");
		verify_capsule_frag(cfrag, &capsule, &verifying, &delegating, &receiving)
			.expect("fragment verifies");
	});
}
