//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-11-30 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! DATABASE: `ParityDb`, RUNTIME: `CPChain Development`
//! BLOCK-NUM: `Number(44)`
//! SKIP-WRITE: `false`, SKIP-READ: `false`, WARMUPS: `1`
//! STATE-VERSION: `V1`, STATE-CACHE-SIZE: ``
//! WEIGHT-PATH: `runtime/src/weights/paritydb_weights.rs`
//! METRIC: `Average`, WEIGHT-MUL: `1.0`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/cpchain-target/release/cpchain-node
//   benchmark
//   storage
//   --chain
//   dev
//   --base-path
//   /tmp/tmp.L6TQ5xUpYa/paritydb
//   --database
//   paritydb
//   --state-version
//   1
//   --batch-size
//   100
//   --weight-path
//   runtime/src/weights/paritydb_weights.rs

/// Storage DB weights for the `CPChain Development` runtime and `ParityDb`.
pub mod constants {
	use frame_support::weights::constants;
	use frame_support::weights::RuntimeDbWeight;
	use sp_core::parameter_types;

	parameter_types! {
		pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			// Time to read one storage item.
			// Calculated by multiplying the *Average* of all values with `1.0` and adding `0`.
			//
			// Stats nanoseconds:
			//   Min, Max: 1_583, 938_771
			//   Average:  7_505
			//   Median:   5_781
			//   Std-Dev:  32005.56
			//
			// Percentiles nanoseconds:
			//   99th: 27_892
			//   95th: 10_109
			//   75th: 6_692
			read: 7_505 * constants::WEIGHT_REF_TIME_PER_NANOS,

			// Time to write one storage item.
			// Calculated by multiplying the *Average* of all values with `1.0` and adding `0`.
			//
			// Stats nanoseconds:
			//   Min, Max: 13_490, 36_526
			//   Average:  19_433
			//   Median:   16_560
			//   Std-Dev:  6917.94
			//
			// Percentiles nanoseconds:
			//   99th: 36_526
			//   95th: 36_526
			//   75th: 18_100
			write: 19_433 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod test_db_weights {
		use super::constants::ParityDbWeight as W;
		use frame_support::weights::constants;

		// NOTE: If this test fails but you are sure that the generated values are fine,
		// you can delete it.
		#[test]
		fn bound() {
			// At least 1 µs.
			assert!(
				W::get().reads(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Read weight should be at least 1 µs."
			);
			assert!(
				W::get().writes(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Write weight should be at least 1 µs."
			);
			// At most 1 ms.
			assert!(
				W::get().reads(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Read weight should be at most 1 ms."
			);
			assert!(
				W::get().writes(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Write weight should be at most 1 ms."
			);
		}
	}
}
