//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-01 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! SHORT-NAME: `extrinsic`, LONG-NAME: `ExtrinsicBase`, RUNTIME: `cpchain`
//! WARMUPS: `10`, REPEAT: `100`
//! WEIGHT-PATH: `runtime/src/weights`
//! WEIGHT-METRIC: `Median`, WEIGHT-MUL: `1.0`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/cpchain-target/release/cpchain-node
//   benchmark-overhead
//   --runtime
//   /root/.cache/cpchain-target/release/wbuild/cpchain-runtime/cpchain_runtime.compact.compressed.wasm
//   --genesis-builder
//   runtime
//   --genesis-builder-preset
//   development
//   --para-id
//   2000
//   --warmup
//   10
//   --repeat
//   100
//   --metric
//   median
//   --weight-path
//   runtime/src/weights

use frame_support::parameter_types;
use frame_support::weights::{constants::WEIGHT_REF_TIME_PER_NANOS, Weight};

parameter_types! {
	/// Weight of executing a NO-OP extrinsic, for example `System::remark`.
	/// Calculated by multiplying the *Median* with `1.0` and adding `0`.
	///
	/// Stats nanoseconds:
	///   Min, Max: 150_031, 274_003
	///   Average:  212_257
	///   Median:   210_304
	///   Std-Dev:  33187.17
	///
	/// Percentiles nanoseconds:
	///   99th: 273_816
	///   95th: 265_253
	///   75th: 238_244
	pub const ExtrinsicBaseWeight: Weight =
		Weight::from_parts(WEIGHT_REF_TIME_PER_NANOS.saturating_mul(210_304), 275);
}

#[cfg(test)]
mod test_weights {
	use frame_support::weights::constants;

	/// Checks that the weight exists and is sane.
	// NOTE: If this test fails but you are sure that the generated values are fine,
	// you can delete it.
	#[test]
	fn sane() {
		let w = super::ExtrinsicBaseWeight::get();

		// At least 10 µs.
		assert!(
			w.ref_time() >= 10u64 * constants::WEIGHT_REF_TIME_PER_MICROS,
			"Weight should be at least 10 µs."
		);
		// At most 1 ms.
		assert!(
			w.ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
			"Weight should be at most 1 ms."
		);
	}
}
