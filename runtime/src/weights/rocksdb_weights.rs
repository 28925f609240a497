//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-11-30 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! DATABASE: `RocksDb`, RUNTIME: `CPChain Development`
//! BLOCK-NUM: `Number(43)`
//! SKIP-WRITE: `false`, SKIP-READ: `false`, WARMUPS: `1`
//! STATE-VERSION: `V1`, STATE-CACHE-SIZE: ``
//! WEIGHT-PATH: `runtime/src/weights/rocksdb_weights.rs`
//! METRIC: `Average`, WEIGHT-MUL: `1.0`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/cpchain-target/release/cpchain-node
//   benchmark
//   storage
//   --chain
//   dev
//   --base-path
//   /tmp/tmp.L6TQ5xUpYa/rocksdb
//   --database
//   rocksdb
//   --state-version
//   1
//   --batch-size
//   100
//   --weight-path
//   runtime/src/weights/rocksdb_weights.rs

/// Storage DB weights for the `CPChain Development` runtime and `RocksDb`.
pub mod constants {
	use frame_support::weights::constants;
	use frame_support::weights::RuntimeDbWeight;
	use sp_core::parameter_types;

	parameter_types! {
		pub const RocksDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			// Time to read one storage item.
			// Calculated by multiplying the *Average* of all values with `1.0` and adding `0`.
			//
			// Stats nanoseconds:
			//   Min, Max: 5_630, 586_560
			//   Average:  24_659
			//   Median:   22_993
			//   Std-Dev:  17507.44
			//
			// Percentiles nanoseconds:
			//   99th: 55_274
			//   95th: 36_278
			//   75th: 26_320
			read: 24_659 * constants::WEIGHT_REF_TIME_PER_NANOS,

			// Time to write one storage item.
			// Calculated by multiplying the *Average* of all values with `1.0` and adding `0`.
			//
			// Stats nanoseconds:
			//   Min, Max: 26_477, 78_012
			//   Average:  38_026
			//   Median:   32_744
			//   Std-Dev:  13466.46
			//
			// Percentiles nanoseconds:
			//   99th: 78_012
			//   95th: 78_012
			//   75th: 37_220
			write: 38_026 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod test_db_weights {
		use super::constants::RocksDbWeight as W;
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
